--TEST--
TLS: 16 MiB each way through an echo server with backpressure (write() false, pause, onDrain, resume); every byte arrives, hashes match, getWriteBufferSize() counts plaintext
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
const TOTAL = 16 * 1024 * 1024;
$base = new EventBase();
$stats = ['server_false' => 0, 'server_drain' => 0, 'client_false' => 0, 'client_drain' => 0, 'max_queue' => 0];
$srv = tls_server($base, [], function (AsyncStream $c) use (&$stats) {
    $c->onData(function ($c, $d) use (&$stats) {
        if (!$c->write($d)) {
            $stats['server_false']++;
            $c->pause();
        }
    });
    $c->onDrain(function ($c) use (&$stats) { $stats['server_drain']++; $c->resume(); });
    $c->onEnd(fn($c) => $c->end());
});
$sent = hash_init('sha256');
$got = hash_init('sha256');
$received = 0;
$offset = 0;
$done = false;
$s = AsyncStream::connect($base, tls_addr($srv), ['tls' => tls_client_opts()]);
tls_check_io($s);
$chunk = function () use (&$offset): string {
    // A pattern that differs per position, so a lost, doubled or reordered block shows in the hash.
    $n = min(100_000, TOTAL - $offset);
    $b = substr(str_repeat(sprintf("%08x", $offset), intdiv($n, 8) + 1), 0, $n);
    $offset += $n;
    return $b;
};
$pump = function (AsyncStream $s) use (&$offset, $chunk, $sent, &$stats) {
    while ($offset < TOTAL) {
        $b = $chunk();
        hash_update($sent, $b);
        $ok = $s->write($b);
        $stats['max_queue'] = max($stats['max_queue'], $s->getWriteBufferSize());
        if (!$ok) {
            $stats['client_false']++;
            return; // onDrain goes on
        }
    }
    $s->end();
};
// The client does not read until the server's echo backs up (write() false there), so
// backpressure happens on both sides, whatever the socket buffer sizes.
$s->onConnect(function ($s) use ($pump) { $s->pause(); $pump($s); });
$watch = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use ($s, &$stats, &$watch) {
    if ($stats['server_false'] > 0) {
        $s->resume();
        $watch->del();
    }
});
$watch->add(0.01);
$s->onDrain(function ($s) use ($pump, &$stats) { $stats['client_drain']++; $pump($s); });
$s->onData(function ($s, $d) use ($got, &$received) { hash_update($got, $d); $received += strlen($d); });
$s->onEnd(fn() => null);
$s->onClose(function ($s, $e) use (&$done) { echo "client onClose: ", tls_err($e), "\n"; $done = true; });
tls_run_until($base, function () use (&$done) { return $done; }, 4 * tls_limit());
$srv->close();
echo "received: ", $received === TOTAL ? "16 MiB" : $received, "\n";
echo "hashes match: ", var_export(hash_final($sent) === hash_final($got), true), "\n";
echo "client write() returned false and onDrain followed: ", var_export($stats['client_false'] > 0 && $stats['client_drain'] === $stats['client_false'], true), "\n";
echo "server write() returned false and onDrain followed: ", var_export($stats['server_false'] > 0 && $stats['server_drain'] === $stats['server_false'], true), "\n";
echo "queue bounded by high_water + one chunk: ", var_export($stats['max_queue'] < 65536 + 100_000, true), "\n";
?>
--EXPECT--
client onClose: null
received: 16 MiB
hashes match: true
client write() returned false and onDrain followed: true
server write() returned false and onDrain followed: true
queue bounded by high_water + one chunk: true
