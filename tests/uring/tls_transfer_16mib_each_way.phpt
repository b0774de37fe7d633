--TEST--
io_uring: a tls:// client and a TLS server of ours both move their ciphertext through the ring (getIoMethod() says io_uring on both ends); 16 MiB each way with backpressure arrive intact (hashes match), then close_notify and the FIN end both sides cleanly
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; require __DIR__ . '/../tls/fixtures/skipif.inc'; ?>
--INI--
asyncstream.io_uring=on
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../tls/fixtures/tls.inc';
const TOTAL = 16 * 1024 * 1024;
$base = new EventBase();
$serverIo = null;
$serverEnd = null;
$serverHash = hash_init('sha256');
$serverGot = 0;
$srv = tls_server($base, [], function (AsyncStream $c) use (&$serverIo, $serverHash, &$serverGot, &$serverEnd) {
    $serverIo = $c->getIoMethod();
    // Echo with backpressure: pause while our queue is over high_water, resume on onDrain.
    $c->onData(function ($c, $d) use ($serverHash, &$serverGot) {
        hash_update($serverHash, $d);
        $serverGot += strlen($d);
        if (!$c->write($d)) {
            $c->pause();
        }
    });
    $c->onDrain(fn($c) => $c->resume());
    $c->onEnd(fn($c) => $c->end());
    $c->onClose(function ($c, $e) use (&$serverEnd) {
        $serverEnd = "server onClose: " . tls_err($e) . ", clean_shutdown=" . var_export($c->getTlsInfo()['clean_shutdown'], true);
    });
});
$sent = hash_init('sha256');
$got = hash_init('sha256');
$received = 0;
$offset = 0;
$done = false;
$falses = 0;
$s = AsyncStream::connect($base, tls_addr($srv), ['tls' => tls_client_opts()]);
echo "client: ", $s->getIoMethod(), "\n";
$pump = function (AsyncStream $s) use (&$offset, $sent, &$falses) {
    while ($offset < TOTAL) {
        $n = min(65536 + 17, TOTAL - $offset);
        $b = substr(str_repeat(sprintf("%08x", $offset), intdiv($n, 8) + 1), 0, $n);
        $offset += $n;
        hash_update($sent, $b);
        if (!$s->write($b)) {
            $falses++;
            return;
        }
    }
    $s->end();
};
$s->onConnect($pump);
$s->onDrain($pump);
$s->onData(function ($s, $d) use ($got, &$received) { hash_update($got, $d); $received += strlen($d); });
$s->onEnd(fn($s) => print("client onEnd: clean_shutdown=" . var_export($s->getTlsInfo()['clean_shutdown'], true) . "\n"));
$s->onClose(function ($s, $e) use (&$done) { echo "client onClose: ", tls_err($e), "\n"; $done = true; });
tls_run_until($base, function () use (&$done, &$serverEnd) { return $done && $serverEnd !== null; }, 4 * tls_limit());
$srv->close();
echo "server: $serverIo\n$serverEnd\n";
$sent = hash_final($sent);
echo "server received 16 MiB: ", var_export($serverGot === TOTAL, true), ", hash matches: ", var_export(hash_final($serverHash) === $sent, true), "\n";
echo "client received 16 MiB: ", var_export($received === TOTAL, true), ", hash matches: ", var_export(hash_final($got) === $sent, true), "\n";
echo "client write() returned false: ", var_export($falses > 0, true), "\n";
?>
--EXPECT--
client: io_uring
client onEnd: clean_shutdown=true
client onClose: null
server: io_uring
server onClose: null, clean_shutdown=true
server received 16 MiB: true, hash matches: true
client received 16 MiB: true, hash matches: true
client write() returned false: true
