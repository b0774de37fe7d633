--TEST--
TLS: an expired server certificate fails with "certificate has expired"; verify_peer=false makes it succeed
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$base = new EventBase();
$srv = tls_server($base, ['local_cert' => $certs['expired.pem']]);
$srv->onError(fn() => null);
$addr = tls_addr($srv);
echo "verified:          ", tls_try($base, $addr, tls_client_opts()), "\n";
echo "verify_peer=false: ", tls_try($base, $addr, ['verify_peer' => false]), "\n";
$srv->close();
?>
--EXPECTF--
verified:          error: AsyncStreamTlsException(EPROTO): TLS handshake with tls://127.0.0.1:%d failed: certificate verify failed: certificate has expired
verify_peer=false: ok: TLS alpn=NULL verified=false peer=localhost clean_shutdown=NULL
