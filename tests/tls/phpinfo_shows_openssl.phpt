--TEST--
TLS: php --ri asyncstream says TLS is enabled and with which OpenSSL
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
ob_start();
(new ReflectionExtension('asyncstream'))->info();
preg_match('/^TLS \(OpenSSL\) => (.*)$/m', ob_get_clean(), $m);
echo $m[1], "\n";
echo "the version is OpenSSL's own: ", var_export(str_contains($m[1], OPENSSL_VERSION_TEXT) || str_contains($m[1], 'OpenSSL'), true), "\n";
?>
--EXPECTF--
enabled, OpenSSL %d.%s (headers: OpenSSL %d.%s)
the version is OpenSSL's own: true
