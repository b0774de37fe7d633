--TEST--
G5: a forked child that just exits (its objects destroyed at shutdown) does not stop the parent's READ events
--EXTENSIONS--
pcntl
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$ev = new Event($base, $a, Event::READ | Event::PERSIST, function ($fd) use ($base) {
    echo "parent read: ", fread($fd, 100), "\n";
    $base->exit();
});
$ev->add();
$timer = Event::timer($base, function () { echo "timer\n"; });
$timer->add(30);

$pid = pcntl_fork();
if ($pid === 0) {
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0);

$timer->del();
$guard = Event::timer($base, function () use ($base) {
    echo "parent: no READ event within 20 s\n";
    $base->stop();
});
$guard->add(20);
fwrite($b, "after the child");
$base->loop();
?>
--EXPECT--
bool(true)
parent read: after the child
