--TEST--
TLS: a self-signed server certificate fails verification; allow_self_signed accepts it (the name is still checked; verified stays false)
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$base = new EventBase();
$srv = tls_server($base, ['local_cert' => $certs['self.pem']]);
$srv->onError(fn() => null);
$addr = tls_addr($srv);
echo "default:                      ", tls_try($base, $addr, tls_client_opts()), "\n";
echo "allow_self_signed:            ", tls_try($base, $addr, ['allow_self_signed' => true]), "\n";
echo "allow_self_signed, wrong name: ", tls_try($base, $addr, ['allow_self_signed' => true, 'peer_name' => 'api.test']), "\n";
$srv->close();
?>
--EXPECTF--
default:                      error: AsyncStreamTlsException(EPROTO): TLS handshake with tls://127.0.0.1:%d failed: certificate verify failed: self%csigned certificate (allow_self_signed is off)
allow_self_signed:            ok: TLS alpn=NULL verified=false peer=localhost clean_shutdown=NULL
allow_self_signed, wrong name: error: AsyncStreamTlsException(EPROTO): TLS handshake with tls://127.0.0.1:%d failed: certificate verify failed: hostname mismatch (expected api.test)
