--TEST--
TLS: AsyncStreamServer("tls://...") serves PHP's own stream_socket_client("tls://") with verification on; onConnection only after the handshake
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$base = new EventBase();
$dog = as_watchdog($base, tls_limit());
$srv = tls_server($base, [], function (AsyncStream $c, AsyncStreamServer $srv) use ($dog) {
    echo "onConnection: ", tls_info_line($c->getTlsInfo()), "\n";
    $c->onData(fn($c, $d) => $c->write(strtoupper($d)));
    $c->onEnd(function ($c) {
        echo "onEnd: clean_shutdown=", var_export($c->getTlsInfo()['clean_shutdown'], true), "\n";
        $c->end();
    });
    $c->onClose(function ($c, $e) use ($srv, $dog) {
        echo "onClose: ", tls_err($e), "\n";
        $srv->close();
        $dog->del();
    });
});
echo "getAddress(): ", preg_replace('/\d+$/', 'PORT', $srv->getAddress()), "\n";
$port = (int)substr(strrchr($srv->getAddress(), ':'), 1);
$peer = tls_php_peer('client', ['port' => $port, 'send' => "ping\n",
    'ctx' => ['verify_peer' => true, 'cafile' => $certs['ca.pem'], 'peer_name' => 'localhost']]);
$base->loop();
echo tls_php_peer_wait($peer);
?>
--EXPECT--
getAddress(): tls://127.0.0.1:PORT
onConnection: TLS alpn=NULL verified=false peer=- clean_shutdown=NULL
onEnd: clean_shutdown=true
onClose: null
got: PING
protocol TLS
