--TEST--
TLS: AsyncStream::connect("tls://...") talks to PHP's own stream_socket_server("tls://"); onConnect fires after the handshake, end() sends close_notify
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$peer = tls_php_peer('echo-server', ['ctx' => ['local_cert' => $certs['server.pem']]]);
$base = new EventBase();
$dog = as_watchdog($base, tls_limit());
$s = AsyncStream::connect($base, "tls://127.0.0.1:{$peer['port']}", ['tls' => tls_client_opts()]);
echo "right after connect(): ", tls_info_line($s->getTlsInfo()), "\n";
$s->onConnect(function (AsyncStream $s) {
    echo "onConnect: ", tls_info_line($s->getTlsInfo()), "\n";
    $s->write("hello over TLS\n");
});
$s->onData(function (AsyncStream $s, string $d) {
    echo "onData: $d";
    $s->end();
});
$s->onEnd(fn($s) => print("onEnd: clean_shutdown=" . var_export($s->getTlsInfo()['clean_shutdown'], true) . "\n"));
$s->onClose(function ($s, $e) use ($dog) {
    echo "onClose: ", tls_err($e), "\n";
    $dog->del();
});
$base->loop();
echo "PHP server: ", tls_php_peer_wait($peer);
?>
--EXPECT--
right after connect(): NULL alpn=NULL verified=false peer=- clean_shutdown=NULL
onConnect: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
onData: hello over TLS
onEnd: clean_shutdown=true
onClose: null
PHP server: echoed 15 bytes
