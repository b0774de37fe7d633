--TEST--
io_uring: the ini is read when a base makes its first stream; later changes apply to new bases only
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
$pair = fn () => stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP)[0];
ini_set('asyncstream.io_uring', 'off');
$b1 = new EventBase();
ini_set('asyncstream.io_uring', 'on');   // before b1's first stream: counts
$s1 = new AsyncStream($b1, $pair());
ini_set('asyncstream.io_uring', 'off');  // after it: b1 keeps io_uring
$s2 = new AsyncStream($b1, $pair());
$b2 = new EventBase();
$s3 = new AsyncStream($b2, $pair());
var_dump($s1->getIoMethod(), $s2->getIoMethod(), $s3->getIoMethod());
?>
--EXPECT--
string(8) "io_uring"
string(8) "io_uring"
string(9) "readiness"
