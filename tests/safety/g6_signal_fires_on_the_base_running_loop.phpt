--TEST--
G6: with a SIGUSR1 event on two bases, the signal fires on whichever base runs loop(), and libevent prints nothing
--EXTENSIONS--
posix
--FILE--
<?php
$bases = [1 => new EventBase(), 2 => new EventBase()];
$signals = [];
foreach ($bases as $n => $base) {
    $signals[$n] = Event::signal($base, SIGUSR1, function ($signo, $n) use ($bases) {
        echo "base$n got signal $signo\n";
        $bases[$n]->exit();
    }, $n);
    var_dump($signals[$n]->add());
}

foreach ([2, 1, 2] as $n) {
    $base = $bases[$n];
    $kill = Event::timer($base, function () { posix_kill(posix_getpid(), SIGUSR1); });
    $kill->add(0);
    $guard = Event::timer($base, function () use ($base, $n) {
        echo "base$n: no signal within 20 s\n";
        $base->stop();
    });
    $guard->add(20);
    echo "loop base$n\n";
    $base->loop();
    $guard->del();
}
?>
--EXPECT--
bool(true)
bool(true)
loop base2
base2 got signal 10
loop base1
base1 got signal 10
loop base2
base2 got signal 10
