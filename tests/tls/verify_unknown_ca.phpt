--TEST--
TLS: a server certificate from an unknown CA fails verification with a clear AsyncStreamTlsException; cafile or verify_peer=false make it succeed
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$base = new EventBase();
$errors = [];
$srv = tls_server($base)->onError(function ($srv, $e) use (&$errors) { $errors[] = tls_err($e); });
$addr = tls_addr($srv);
echo "system trust store: ", tls_try($base, $addr, []), "\n";
echo "other CA as cafile: ", tls_try($base, $addr, ['cafile' => $certs['other_ca.pem']]), "\n";
echo "verify_peer=false:  ", tls_try($base, $addr, ['verify_peer' => false]), "\n";
echo "cafile:             ", tls_try($base, $addr, ['cafile' => $certs['ca.pem']]), "\n";
// capath: a directory of certificates named by subject hash, as c_rehash makes it.
$capath = $certs['dir'] . '/capath';
mkdir($capath);
copy($certs['ca.pem'], $capath . '/' . openssl_x509_parse(file_get_contents($certs['ca.pem']))['hash'] . '.0');
echo "capath:             ", tls_try($base, $addr, ['capath' => $capath]), "\n";
array_map('unlink', glob("$capath/*"));
rmdir($capath);
tls_run_until($base, function () use (&$errors) { return count($errors) >= 2; });
echo "server onError:\n", implode("\n", $errors), "\n";
$srv->close();
?>
--EXPECTF--
system trust store: error: AsyncStreamTlsException(EPROTO): TLS handshake with tls://127.0.0.1:%d failed: certificate verify failed: unable to get local issuer certificate
other CA as cafile: error: AsyncStreamTlsException(EPROTO): TLS handshake with tls://127.0.0.1:%d failed: certificate verify failed: unable to get local issuer certificate
verify_peer=false:  ok: TLS alpn=NULL verified=false peer=localhost clean_shutdown=NULL
cafile:             ok: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
capath:             ok: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
server onError:
AsyncStreamTlsException(EPROTO): TLS handshake with tcp://127.0.0.1:%d failed: %s
AsyncStreamTlsException(EPROTO): TLS handshake with tcp://127.0.0.1:%d failed: %s
