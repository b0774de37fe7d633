--TEST--
G5: a forked child that frees the inherited EventBase (no reInit()) does not stop the parent's READ events
--EXTENSIONS--
pcntl
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
[$report, $childEnd] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$ev = new Event($base, $a, Event::READ | Event::PERSIST, function ($fd) use ($base) {
    echo "parent read: ", fread($fd, 100), "\n";
    $base->exit();
});
$ev->add();

$pid = pcntl_fork();
if ($pid === 0) {
    fclose($report);
    $base->free();
    fwrite($childEnd, "child: base freed\n");
    exit(0);
}
fclose($childEnd);
echo fgets($report);
pcntl_waitpid($pid, $status);
var_dump(pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0);

$guard = Event::timer($base, function () use ($base) {
    echo "parent: no READ event within 20 s\n";
    $base->stop();
});
$guard->add(20);
fwrite($b, "after the child");
$base->loop();
?>
--EXPECT--
child: base freed
bool(true)
parent read: after the child
