--TEST--
examples/https_get.php: fetches a page from a local HTTPS server (PHP's own TLS server) trusting a given CA, and fails with the verify result in words without it
--SKIPIF--
<?php require __DIR__ . '/../tls/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/run.php';
require __DIR__ . '/../tls/fixtures/tls.inc';
$certs = tls_certs();
$peer = tls_php_peer('https-server', ['count' => 2, 'ctx' => ['local_cert' => $certs['server.pem']]]);
[$out, $err, $code] = ex_run('https_get.php', ["https://localhost:{$peer['port']}/hello?x=1", $certs['ca.pem']]);
echo "with the CA: exit $code\n$out";
echo preg_replace('/TLSv1\.[23], [^,]+/', 'TLS, CIPHER', $err);
[$out, $err, $code] = ex_run('https_get.php', ["https://localhost:{$peer['port']}/"]);
echo "without it: exit $code\n$out", preg_replace('/:\d+ /', ':PORT ', $err);
echo tls_php_peer_wait($peer);
?>
--EXPECT--
with the CA: exit 0
HTTP/1.1 200 OK
hello from PHP
connected: TLS, CIPHER, ALPN none, certificate of CN=localhost,O=asyncstream (issued by CN=asyncstream test CA,O=asyncstream)
without it: exit 1
https_get: TLS handshake with tls://localhost:PORT failed: certificate verify failed: unable to get local issuer certificate
request: GET /hello?x=1 HTTP/1.1
handshake failed
