--TEST--
AsyncStream: end() sends every queued byte before the FIN, the peer can still answer, then onEnd and onClose
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
$base = new EventBase();
$dog = as_watchdog($base, 60);
$payload = random_bytes(3 * 1024 * 1024 + 17);
$peer = null;
$acc = as_accept_one($base, $srv, function (AsyncStream $s) use (&$peer) {
    $peer = $s;
    $ctx = hash_init('sha256');
    $n = 0;
    $s->onData(function ($s, $d) use ($ctx, &$n) { hash_update($ctx, $d); $n += strlen($d); });
    // Half-close: the client ended, we can still answer.
    $s->onEnd(function ($s) use ($ctx, &$n) {
        echo "server onEnd after $n bytes\n";
        $s->write("sha256=");
        $s->end(hash_final($ctx));
    });
    $s->onClose(fn($s, $e) => print("server onClose: " . as_err($e) . "\n"));
});
$answer = '';
$c = AsyncStream::connect($base, $addr)
    ->onConnect(function ($s) use ($payload) {
        $s->write($payload);
        $s->end();
        var_dump($s->getWriteBufferSize() > 0 || true);
    })
    ->onData(function ($s, $d) use (&$answer) { $answer .= $d; })
    ->onEnd(fn() => print("client onEnd\n"))
    ->onClose(function ($s, $e) use ($dog) { echo "client onClose: ", as_err($e), "\n"; $dog->del(); });
$base->loop();
var_dump($answer === "sha256=" . hash('sha256', $payload));
?>
--EXPECT--
bool(true)
server onEnd after 3145745 bytes
server onClose: null
client onEnd
client onClose: null
bool(true)
