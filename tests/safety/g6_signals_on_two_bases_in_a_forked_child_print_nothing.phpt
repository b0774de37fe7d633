--TEST--
G6: in a forked child, two bases with signal events keep working and libevent's one-base-for-signals warning never shows
--EXTENSIONS--
pcntl
posix
--FILE--
<?php
$bases = [1 => new EventBase(), 2 => new EventBase()];
$signals = [];
foreach ($bases as $n => $base) {
    $signals[$n] = Event::signal($base, SIGUSR2, function ($signo, $n) use ($bases) {
        echo "child base$n got signal $signo\n";
        $bases[$n]->exit();
    }, $n);
    $signals[$n]->add();
}

$pid = pcntl_fork();
if ($pid === 0) {
    // The first call on each base re-initialises it, re-adding its signal events.
    foreach ([1, 2, 1] as $n) {
        $base = $bases[$n];
        $kill = Event::timer($base, function () { posix_kill(posix_getpid(), SIGUSR2); });
        $kill->add(0);
        $guard = Event::timer($base, function () use ($base, $n) {
            echo "child base$n: no signal within 20 s\n";
            $base->stop();
        });
        $guard->add(20);
        $base->loop();
        $guard->del();
    }
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0);
?>
--EXPECT--
child base1 got signal 12
child base2 got signal 12
child base1 got signal 12
bool(true)
