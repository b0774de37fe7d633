--TEST--
TLS: pause() stops onData even while OpenSSL still holds decrypted bytes; resume() delivers them first, in order, without new bytes arriving
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
const TOTAL = 300_000;
$base = new EventBase();
$received = '';
$during_pause = 0;
$paused = false;
$srv = tls_server($base, [], function (AsyncStream $c) use (&$received, &$paused, &$during_pause, $base) {
    $c->onData(function ($c, $d) use (&$received, &$paused, &$during_pause, $base) {
        if ($paused) {
            $during_pause++;
        }
        $received .= $d;
        if (strlen($received) === strlen($d)) {
            // The first chunk: pause while the rest (up to 300 KB) waits in the kernel and in OpenSSL.
            $c->pause();
            $paused = true;
            $t = Event::timer($base, function () use ($c, &$paused, &$t) {
                echo "resume after ", strlen($GLOBALS['received']) < TOTAL ? "a partial delivery" : "everything?!", "\n";
                $paused = false;
                $c->resume();
            });
            $t->add(0.3);
        }
    });
});
$data = '';
for ($i = 0; strlen($data) < TOTAL; $i++) {
    $data .= sprintf("%07d\n", $i);
}
$data = substr($data, 0, TOTAL);
$s = AsyncStream::connect($base, tls_addr($srv), ['tls' => tls_client_opts()]);
tls_check_io($s);
$s->onConnect(fn($s) => $s->write($data));
tls_run_until($base, function () use (&$received) { return strlen($received) >= TOTAL; });
echo "bytes delivered while paused: $during_pause\n";
echo "all bytes, in order: ", var_export($received === $data, true), "\n";
$s->close();
$srv->close();
?>
--EXPECT--
resume after a partial delivery
bytes delivered while paused: 0
all bytes, in order: true
