--TEST--
TLS: a certificate for another name fails the hostname check ("hostname mismatch (expected ...)"); peer_name or verify_peer_name=false make it succeed
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$base = new EventBase();
$srv = tls_server($base, ['local_cert' => $certs['api.pem']]);
$srv->onError(fn() => null);
$addr = tls_addr($srv);
$ca = ['cafile' => $certs['ca.pem']];
echo "IP address:             ", tls_try($base, $addr, $ca), "\n";
echo "peer_name localhost:    ", tls_try($base, $addr, $ca + ['peer_name' => 'localhost']), "\n";
echo "peer_name API.test:     ", tls_try($base, $addr, $ca + ['peer_name' => 'API.test']), "\n";
echo "verify_peer_name=false: ", tls_try($base, $addr, $ca + ['verify_peer_name' => false]), "\n";
echo "a subdomain is another name: ", tls_try($base, $addr, $ca + ['peer_name' => 'x.api.test']), "\n";
$srv->close();
?>
--EXPECTF--
IP address:             error: AsyncStreamTlsException(EPROTO): TLS handshake with tls://127.0.0.1:%d failed: certificate verify failed: IP address mismatch (expected 127.0.0.1)
peer_name localhost:    error: AsyncStreamTlsException(EPROTO): TLS handshake with tls://127.0.0.1:%d failed: certificate verify failed: hostname mismatch (expected localhost)
peer_name API.test:     ok: TLS alpn=NULL verified=true peer=api.test clean_shutdown=NULL
verify_peer_name=false: ok: TLS alpn=NULL verified=true peer=api.test clean_shutdown=NULL
a subdomain is another name: error: AsyncStreamTlsException(EPROTO): TLS handshake with tls://127.0.0.1:%d failed: certificate verify failed: hostname mismatch (expected x.api.test)
