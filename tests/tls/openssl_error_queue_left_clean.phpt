--TEST--
TLS: OpenSSL's per-thread error queue is left empty after failures (a failed verification, bad files, a protocol error), so PHP's openssl_error_string() never reports asyncstream's errors
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
function php_openssl_errors(): array
{
    $e = [];
    while (($m = openssl_error_string()) !== false) {
        $e[] = $m;
    }
    return $e;
}
php_openssl_errors(); // whatever making the certificates left behind
$base = new EventBase();
$srv = tls_server($base)->onError(fn() => null);
echo "verification failure: ", rtrim(substr(tls_try($base, tls_addr($srv), []), 0, 44)), "\n";
echo "  errors left for PHP: ", count(php_openssl_errors()), "\n";
try {
    AsyncStream::connect($base, tls_addr($srv), ['tls' => ['local_cert' => __FILE__]]);
} catch (AsyncStreamTlsException $e) {
    echo "bad certificate file: ", get_class($e), "\n";
}
echo "  errors left for PHP: ", count(php_openssl_errors()), "\n";
try {
    new AsyncStreamServer($base, 'tls://127.0.0.1:0', fn() => null, ['tls' => ['local_cert' => $certs['server.crt'],
        'local_pk' => $certs['server_enc.key'], 'passphrase' => 'wrong']]);
} catch (AsyncStreamTlsException $e) {
    echo "wrong passphrase: ", get_class($e), "\n";
}
echo "  errors left for PHP: ", count(php_openssl_errors()), "\n";
// A plaintext client at a TLS server: a protocol error on the server side.
$c = stream_socket_client('tcp://' . substr($srv->getAddress(), 6));
fwrite($c, "GET / HTTP/1.0\r\n\r\n");
$errors = [];
$srv->onError(function ($s, $e) use (&$errors) { $errors[] = $e; });
tls_run_until($base, function () use (&$errors) { return count($errors) > 0; });
echo "protocol error: ", get_class($errors[0]), "\n";
echo "  errors left for PHP: ", count(php_openssl_errors()), "\n";
$srv->close();
?>
--EXPECT--
verification failure: error: AsyncStreamTlsException(EPROTO): TLS
  errors left for PHP: 0
bad certificate file: AsyncStreamTlsException
  errors left for PHP: 0
wrong passphrase: AsyncStreamTlsException
  errors left for PHP: 0
protocol error: AsyncStreamTlsException
  errors left for PHP: 0
