--TEST--
EventBase: loop(LOOP_NONBLOCK) returns at once when nothing is ready, and runs what is ready
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$later = Event::timer($base, function () { echo "later\n"; });
$later->add(60);
$read = new Event($base, $a, Event::READ, function ($fd) { echo "read: ", fread($fd, 10), "\n"; });
$read->add();

$start = hrtime(true);
var_dump($base->loop(EventBase::LOOP_NONBLOCK));
var_dump((hrtime(true) - $start) / 1e9 < 30);
var_dump($read->pending, $later->pending);

echo "-- data written\n";
fwrite($b, "abc");
var_dump($base->loop(EventBase::LOOP_NONBLOCK));
var_dump($read->pending, $later->pending);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
-- data written
read: abc
bool(true)
bool(false)
bool(true)
