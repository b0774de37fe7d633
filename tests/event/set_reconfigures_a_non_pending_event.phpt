--TEST--
Event: set() and setTimer() re-configure a non-pending event, with the new callback shape
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$ev = Event::timer($base, function ($arg) { echo "timer($arg)\n"; }, "t");
$ev->add(0);
$base->loop();

// Timer -> READ on a socket, new callback and argument.
var_dump($ev->set($base, $a, Event::READ, function ($fd, $what, $arg) use ($a) {
    echo "io(", $fd === $a ? "same stream" : "other", ", $what, $arg): ", fread($fd, 10), "\n";
}, "io-arg"));
$ev->add();
fwrite($b, "data");
$base->loop();

// Only the descriptor changes: the callback, $what and $arg stay.
[$c, $d] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
var_dump($ev->set($base, $c));
$ev->add();
fwrite($b, "not this one");
fwrite($d, "more");
$base->loop();

// Back to a timer with setTimer(): cb($arg) again.
var_dump($ev->setTimer($base, function (...$args) { echo "timer again: ", json_encode($args), "\n"; }, 42));
$ev->add(0);
$base->loop();
?>
--EXPECT--
timer(t)
bool(true)
io(same stream, 2, io-arg): data
bool(true)
io(other, 2, io-arg): more
bool(true)
timer again: [42]
