--TEST--
G7: an Event on an int descriptor fires when data arrives, and its callback gets the int back
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$fd = EventUtil::getSocketFd($a);
$base = new EventBase();
$ev = new Event($base, $fd, Event::READ, function ($f, $what) use ($a, $fd) {
    var_dump($f === $fd, $what);
    echo fread($a, 10), "\n";
});
var_dump($ev->add());
fwrite($b, "via int");
var_dump($base->loop());
?>
--EXPECT--
bool(true)
bool(true)
int(2)
via int
bool(true)
