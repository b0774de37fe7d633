--TEST--
AsyncStream: a frame over max_frame closes the stream with EMSGSIZE and memory stays bounded
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
$dog = as_watchdog($base, 60);
[$srv, $addr] = as_listen();
$peer = null;
$acc = as_accept_one($base, $srv, function ($s) use (&$peer) {
    $peer = $s;
    $s->setFraming(AsyncStream::FRAME_DELIMITER, "\n")
      ->onData(fn($s, $f) => print("frame " . strlen($f) . "\n"))
      ->onClose(function ($s, $e) {
          echo "server closed: ", as_err($e), "\n";
          echo preg_replace('/:\d+ /', ':PORT ', $e->getMessage()), "\n";
      });
});
$c = null;
$mem = 0;
// The server-side option: set through connect() on our side and mirrored by a second stream below.
$c = AsyncStream::connect($base, $addr)->onConnect(function ($s) use (&$mem) {
    $s->write(str_repeat("a", 100) . "\n");
    // An endless line: 64 MiB without a delimiter, written as the peer takes it.
    $chunk = str_repeat("b", 1 << 20);
    $n = 0;
    $pump = function ($s) use ($chunk, &$n, &$pump, &$mem) {
        while ($n < 64 && $s->write($chunk)) { $n++; }
        $n++;
        $mem = max($mem, memory_get_usage());
    };
    $s->onDrain($pump);
    $pump($s);
})->onClose(function ($s, $e) use ($dog) { echo "client closed: ", as_err($e), "\n"; $dog->del(); });
$start = memory_get_usage();
$base->loop();
var_dump($mem - $start < 16 * 1024 * 1024);

// FRAME_FIXED larger than max_frame, and a per-stream max_frame from connect().
[$srv2, $addr2] = as_listen();
$peer2 = null;
$acc2 = as_accept_one($base, $srv2, function ($s) use (&$peer2) { $peer2 = $s; $s->write("0123456789"); });
$d = AsyncStream::connect($base, $addr2, ['max_frame' => 8])
    ->setFraming(AsyncStream::FRAME_FIXED, 9)
    ->onData(fn($s, $f) => print("must not deliver $f\n"))
    ->onClose(function ($s, $e) use (&$peer2) { echo "fixed: ", as_err($e), "\n"; $peer2->close(); });
$base->loop();
?>
--EXPECTF--
frame 100
server closed: AsyncStreamException(EMSGSIZE)
frame from tcp://127.0.0.1:PORT is larger than max_frame (1048576 bytes)
client closed: AsyncStreamException(E%s)
bool(true)
fixed: AsyncStreamException(EMSGSIZE)
