--TEST--
TLS: SNI_server_certs picks the certificate for the name the client sends (peer_name, as SNI); other names and SNI_enabled=false get the default certificate
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$base = new EventBase();
$srv = tls_server($base, ['SNI_server_certs' => [
    'api.test' => $certs['api.pem'],
    'API2.test' => ['local_cert' => $certs['server.crt'], 'local_pk' => $certs['server.key']],
]]);
$srv->onError(fn() => null);
$addr = tls_addr($srv);
echo "peer_name api.test:                ", tls_try($base, $addr, tls_client_opts(['peer_name' => 'api.test'])), "\n";
echo "peer_name localhost:               ", tls_try($base, $addr, tls_client_opts(['peer_name' => 'localhost'])), "\n";
echo "peer_name api2.test (keys differ in case), name not checked: ",
    tls_try($base, $addr, tls_client_opts(['peer_name' => 'api2.test', 'verify_peer_name' => false])), "\n";
echo "SNI_enabled=false, peer_name api.test: ", tls_try($base, $addr, tls_client_opts(['peer_name' => 'api.test', 'SNI_enabled' => false])), "\n";
$srv->close();
?>
--EXPECTF--
peer_name api.test:                ok: TLS alpn=NULL verified=true peer=api.test clean_shutdown=NULL
peer_name localhost:               ok: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
peer_name api2.test (keys differ in case), name not checked: ok: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
SNI_enabled=false, peer_name api.test: error: AsyncStreamTlsException(EPROTO): TLS handshake with tls://127.0.0.1:%d failed: certificate verify failed: hostname mismatch (expected api.test)
