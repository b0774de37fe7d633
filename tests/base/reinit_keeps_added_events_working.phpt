--TEST--
EventBase: reInit() returns true and the events added before it still fire
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$ev = new Event($base, $a, Event::READ | Event::PERSIST, function ($fd) use (&$ev) {
    echo "read ", fread($fd, 10), "\n";
    $ev->del();
});
$ev->add();
$t = Event::timer($base, function () { echo "timer\n"; });
$t->add(0.01);
var_dump($base->reInit());
fwrite($b, "ok");
var_dump($base->loop());
?>
--EXPECT--
bool(true)
read ok
timer
bool(true)
