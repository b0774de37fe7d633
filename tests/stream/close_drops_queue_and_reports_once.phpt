--TEST--
AsyncStream: close() drops unsent data and fires onClose(null) exactly once
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $a);
fclose($a);
$closes = 0;
$s->onClose(function ($s, $e) use (&$closes) { $closes++; echo "onClose: ", as_err($e), "\n"; });
while ($s->write(str_repeat("x", 65536))) {}
var_dump($s->getWriteBufferSize() >= 65536);
$s->close();
var_dump($s->isClosed(), $s->getWriteBufferSize());
$s->close();
$s->end();
$base->loop();
// The peer sees what the socket had taken, then EOF: not the queue.
stream_set_blocking($b, true);
$n = strlen(stream_get_contents($b));
var_dump($n > 0 && $n < 64 * 1024 * 1024);
var_dump($closes);
?>
--EXPECT--
bool(true)
onClose: null
bool(true)
int(0)
bool(true)
int(1)
