--TEST--
TLS: a peer that closes the TCP connection without close_notify ends the stream normally (onEnd, onClose(null)) with clean_shutdown false
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$peer = tls_php_peer('kill-server', ['ctx' => ['local_cert' => $certs['server.pem']]]);
$base = new EventBase();
$dog = as_watchdog($base, tls_limit());
$s = AsyncStream::connect($base, "tls://127.0.0.1:{$peer['port']}", ['tls' => tls_client_opts()]);
$s->onData(function ($s, $d) { echo "onData: $d"; $s->write("ok\n"); });
$s->onEnd(function ($s) {
    echo "onEnd: clean_shutdown=", var_export($s->getTlsInfo()['clean_shutdown'], true), "\n";
    $s->end();
});
$s->onClose(function ($s, $e) use ($dog) {
    echo "onClose: ", tls_err($e), ", clean_shutdown=", var_export($s->getTlsInfo()['clean_shutdown'], true), "\n";
    $dog->del();
});
$base->loop();
echo "PHP server output: '", tls_php_peer_wait($peer), "'\n";
?>
--EXPECT--
onData: hi
onEnd: clean_shutdown=false
onClose: null, clean_shutdown=false
PHP server output: ''
