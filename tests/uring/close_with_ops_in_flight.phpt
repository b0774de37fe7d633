--TEST--
io_uring: close() with a receive armed and a send stuck on a full socket buffer cancels both; the peer sees EOF, nothing leaks or crashes
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
asyncstream.io_uring=on
--FILE--
<?php
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $a);
fclose($a);
$s->onClose(fn ($s, $e) => print("onClose: " . ($e ? $e->getMessage() : "null") . "\n"));
// Nobody reads $b: a few MiB cannot all go out, so a send stays in flight in the kernel.
$chunk = str_repeat("x", 1 << 20);
for ($i = 0; $i < 8; $i++) {
    $s->write($chunk);
}
$t = Event::timer($base, function () use ($s) {
    var_dump($s->getWriteBufferSize() > 0);  // still queued or in flight
    $s->close();                              // cancels the armed receive and the send
    var_dump($s->getWriteBufferSize(), $s->isClosed());
});
$t->add(0.05);
$base->loop();
// The peer sees what the kernel had taken, then EOF: the socket really closed.
stream_set_blocking($b, true);
$got = 0;
while (($d = fread($b, 1 << 16)) !== '' && $d !== false) {
    $got += strlen($d);
}
var_dump($got > 0 && $got < 8 << 20, feof($b));
echo "done\n";
?>
--EXPECT--
bool(true)
onClose: null
int(0)
bool(true)
bool(true)
bool(true)
done
