--TEST--
Event: a callback of new Event() gets ($fd, $what, $arg): the original stream/Socket/int, -1 for a timer, the signal number for SIGNAL
--EXTENSIONS--
sockets
posix
--FILE--
<?php
$base = new EventBase();
$show = function (...$args) use ($base) {
    [$fd, $what, $arg] = $args;
    printf("argc=%d fd=%s what=%d arg=%s\n", count($args),
        is_resource($fd) ? get_resource_type($fd) . ($fd === $arg[1] ? " (same)" : " (other)")
            : (is_object($fd) ? get_class($fd) . ($fd === $arg[1] ? " (same)" : " (other)") : var_export($fd, true)),
        $what, $arg[0]);
};
$events = [];

[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
fwrite($b, "x");
$events[] = new Event($base, $a, Event::READ, $show, ["stream", $a]);

socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair);
socket_write($pair[1], "x");
$events[] = new Event($base, $pair[0], Event::READ | Event::WRITE, $show, ["socket", $pair[0]]);

[$c, $d] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$fd = EventUtil::getSocketFd($c);
fwrite($d, "x");
$events[] = new Event($base, $fd, Event::READ, function ($f, $what, $arg) use ($fd) {
    printf("argc=%d fd is the int: %s what=%d arg=%s\n", func_num_args(), var_export($f === $fd, true), $what, $arg);
}, "int");

$events[] = new Event($base, -1, Event::TIMEOUT, $show, ["timer", null]);
$sig = new Event($base, SIGUSR1, Event::SIGNAL, $show, ["signal", null]);
$kill = Event::timer($base, function () { posix_kill(posix_getpid(), SIGUSR1); });

// One at a time, so the output order does not depend on the backend.
foreach ($events as $ev) {
    $ev->add($ev === end($events) ? 0 : -1);
    $base->loop();
}
$sig->add();
$kill->add(0);
$base->loop();
?>
--EXPECT--
argc=3 fd=stream (same) what=2 arg=stream
argc=3 fd=Socket (same) what=6 arg=socket
argc=3 fd is the int: true what=2 arg=int
argc=3 fd=-1 what=1 arg=timer
argc=3 fd=10 what=8 arg=signal
