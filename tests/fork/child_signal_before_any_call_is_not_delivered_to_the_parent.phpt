--TEST--
G5: a signal a forked child receives before it touches the loop again is the child's, never delivered to the parent's signal event
--EXTENSIONS--
pcntl
posix
--FILE--
<?php
[$report, $childEnd] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$who = "parent";
$sig = Event::signal($base, SIGUSR1, function ($signo) use (&$who, $base) {
    echo "$who got signal $signo\n";
    $base->exit();
});
$sig->add();

$pid = pcntl_fork();
if ($pid === 0) {
    $who = "child";
    fclose($report);
    // No libevent call yet: the signal arrives while the base is still the parent's copy.
    posix_kill(posix_getpid(), SIGUSR1);
    $guard = Event::timer($base, function () use ($base) { echo "child: no signal within 20 s\n"; $base->stop(); });
    $guard->add(20);
    ob_start();
    $base->loop();
    fwrite($childEnd, ob_get_clean());
    exit(0);
}
fclose($childEnd);
echo stream_get_contents($report);
pcntl_waitpid($pid, $status);
var_dump(pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0);

// Whatever the child's signal left behind is readable by now.
var_dump($base->loop(EventBase::LOOP_NONBLOCK));
echo "parent: done\n";
?>
--EXPECT--
child got signal 10
bool(true)
bool(true)
parent: done
