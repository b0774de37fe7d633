--TEST--
Event: removeTimer() cancels an event's timeout but keeps it waiting for I/O
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$ev = new Event($base, $a, Event::READ, function ($fd, $what) {
    echo "what=$what ", fread($fd, 10), "\n";
});
$ev->add(0.01);
var_dump($ev->pending(Event::TIMEOUT), $ev->removeTimer());
var_dump($ev->pending(Event::TIMEOUT), $ev->pending(Event::READ));
// Well past the removed 10 ms timeout, the data arrives.
$writer = Event::timer($base, function () use ($b) { fwrite($b, "data"); });
$writer->add(0.1);
$base->loop();
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
bool(true)
what=2 data
