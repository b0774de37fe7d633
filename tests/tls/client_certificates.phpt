--TEST--
TLS: a server with verify_peer requires a client certificate from its cafile; none or one from another CA is refused (onError names the peer, onConnection never runs), the right one is verified
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
$srv = tls_server($base, ['verify_peer' => true, 'cafile' => $certs['ca.pem']], function (AsyncStream $c) {
    echo "  onConnection: ", tls_info_line($c->getTlsInfo()), "\n";
    $c->onData(fn($c, $d) => $c->write($d));
});
$srv->onError(function ($srv, $e) use (&$errors) { $errors[] = tls_err($e); });
$addr = tls_addr($srv);
$ca = tls_client_opts();
foreach ([
    'no certificate' => $ca,
    'certificate from another CA' => $ca + ['local_cert' => $certs['other_client.pem']],
    'certificate and key in two files' => $ca + ['local_cert' => $certs['client.pem'], 'local_pk' => $certs['client.pem']],
] as $what => $opts) {
    echo "$what:\n";
    $n = count($errors);
    $r = tls_try($base, $addr, $opts);
    // TLS 1.3: the client may finish first and learn of the refusal from the server's alert.
    echo "  client: ", preg_replace('/^error: AsyncStreamTlsException\(\w+\): TLS (handshake with|read from) (\S+) failed: .*/',
        'error: AsyncStreamTlsException from \2', $r), "\n";
    if (str_starts_with($r, 'error')) {
        tls_run_until($base, function () use (&$errors, &$n) { return count($errors) > $n; });
        echo "  server onError: ", $errors[$n], "\n";
    }
}
$srv->close();
?>
--EXPECTF--
no certificate:
  client: error: AsyncStreamTlsException from tls://127.0.0.1:%d
  server onError: AsyncStreamTlsException(EPROTO): TLS handshake with tcp://127.0.0.1:%d failed: peer did not return a certificate
certificate from another CA:
  client: error: AsyncStreamTlsException from tls://127.0.0.1:%d
  server onError: AsyncStreamTlsException(EPROTO): TLS handshake with tcp://127.0.0.1:%d failed: certificate verify failed: unable to get local issuer certificate
certificate and key in two files:
  onConnection: TLS alpn=NULL verified=true peer=client clean_shutdown=NULL
  client: ok: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
