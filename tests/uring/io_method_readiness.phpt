--TEST--
AsyncStream::getIoMethod() says "readiness" when asyncstream.io_uring is off
--INI--
asyncstream.io_uring=off
--FILE--
<?php
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $a);
var_dump($s->getIoMethod());
$s->close();
var_dump($s->getIoMethod());
?>
--EXPECT--
string(9) "readiness"
string(9) "readiness"
