--TEST--
Event: set() and setTimer() on a pending event return false with a warning and change nothing
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$ev = Event::timer($base, function ($arg) { echo "timer($arg)\n"; }, "kept");
$ev->add(0);
var_dump($ev->set($base, $a, Event::READ, function () { echo "replaced\n"; }, "other"));
var_dump($ev->setTimer($base, function () { echo "replaced\n"; }));
var_dump($ev->pending);
$base->loop();
?>
--EXPECTF--
Warning: Event::set(): cannot modify a pending event: call del() first in %s on line %d
bool(false)

Warning: Event::setTimer(): cannot modify a pending event: call del() first in %s on line %d
bool(false)
bool(true)
timer(kept)
