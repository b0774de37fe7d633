--TEST--
Event: the stream variable may be unset while its Event is pending; the Event keeps the stream open and hands it to the callback
--FILE--
<?php
$base = new EventBase();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$ev = new Event($base, $r, Event::READ | Event::PERSIST, function ($fd, $what, $arg) use (&$ev) {
	var_dump(is_resource($fd), get_resource_type($fd), $what === Event::READ);
	var_dump(fread($fd, 100));
	$ev->del();
});
$ev->add();
unset($r);
fwrite($w, "hello");
var_dump($base->loop());
// Freeing the event drops the last reference to the stream: the peer now sees EOF.
$ev->free();
stream_set_blocking($w, false);
var_dump(fread($w, 10), feof($w));
?>
--EXPECT--
bool(true)
string(6) "stream"
bool(true)
string(5) "hello"
bool(true)
string(0) ""
bool(true)
