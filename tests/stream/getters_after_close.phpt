--TEST--
AsyncStream: getters after close: isClosed true, addresses known during onClose and null after it
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
$base = new EventBase();
$dog = as_watchdog($base);
$peer = null;
$acc = as_accept_one($base, $srv, function ($p) use (&$peer) { $peer = $p; });
$s = AsyncStream::connect($base, $addr)
    ->onConnect(fn($s) => $s->write("abc") && $s->close())
    ->onClose(function ($s, $e) use ($addr, $dog, &$peer) {
        $dog->del();
        var_dump($s->isClosed(), $s->isConnected());
        var_dump($s->getRemoteAddress() === "tcp://$addr");
        var_dump($s->getLocalAddress() !== null);
        $peer?->close();
    });
var_dump($s->isConnected(), $s->getWriteBufferSize());
$base->loop();
var_dump($s->isClosed(), $s->isConnected(), $s->getLocalAddress(), $s->getRemoteAddress(), $s->getWriteBufferSize());
var_dump($s->onData(fn() => null) === $s, $s->setTimeout(1) === $s, $s->setFraming(AsyncStream::FRAME_NONE) === $s);
$s->pause(); $s->resume(); $s->close(); $s->end();
try { $s->write("x"); } catch (Error $e) { echo $e->getMessage(), "\n"; }
// stream_socket_pair peers are unnamed
[$a, $b] = as_pair($base);
var_dump($a->getLocalAddress(), $a->getRemoteAddress());
?>
--EXPECT--
bool(false)
int(0)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(false)
NULL
NULL
int(0)
bool(true)
bool(true)
bool(true)
AsyncStream::write(): the stream was closed with close()
NULL
NULL
