--TEST--
io_uring: asyncstream.io_uring=auto uses io_uring where the kernel allows it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
asyncstream.io_uring=auto
--FILE--
<?php
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $a);
var_dump($s->getIoMethod());
$s->onData(function (AsyncStream $s, string $d) { echo "got $d\n"; $s->close(); });
fwrite($b, "hello");
$base->loop();
?>
--EXPECT--
string(8) "io_uring"
got hello
