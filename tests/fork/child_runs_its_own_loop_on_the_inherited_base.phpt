--TEST--
G5: a forked child runs its own loop (timer and READ event) on the inherited base without reInit(), and the parent's loop is unaffected
--EXTENSIONS--
pcntl
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
[$c, $d] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
[$report, $childEnd] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$log = [];
$ev = new Event($base, $a, Event::READ | Event::PERSIST, function ($fd) use ($base) {
    echo "parent read: ", fread($fd, 100), "\n";
    $base->exit();
});
$ev->add();
// Created before the fork, used only by the child.
$childTimer = Event::timer($base, function () use (&$log, $d) {
    $log[] = "timer";
    fwrite($d, "ping");
});

$pid = pcntl_fork();
if ($pid === 0) {
    fclose($report);
    $childRead = new Event($base, $c, Event::READ, function ($fd) use (&$log, $base) {
        $log[] = "read " . fread($fd, 100);
        $base->exit();
    });
    $childRead->add();
    $childTimer->add(0);
    $guard = Event::timer($base, function () use (&$log, $base) { $log[] = "guard"; $base->stop(); });
    $guard->add(20);
    $base->loop();
    fwrite($childEnd, "child: " . implode(", ", $log) . "\n");
    exit($log === ["timer", "read ping"] ? 0 : 1);
}
fclose($childEnd);
echo fgets($report);
pcntl_waitpid($pid, $status);
var_dump(pcntl_wifexited($status), pcntl_wexitstatus($status));

$guard = Event::timer($base, function () use ($base) {
    echo "parent: no READ event within 20 s\n";
    $base->stop();
});
$guard->add(20);
fwrite($b, "after the child");
$base->loop();
var_dump($log, $childTimer->pending);
?>
--EXPECT--
child: timer, read ping
bool(true)
int(0)
parent read: after the child
array(0) {
}
bool(false)
