--TEST--
TLS: getTlsInfo() describes protocol, cipher, ALPN, the peer certificate (subject, issuer, SAN, validity, SHA-256 fingerprint), verification and resumption; capture_peer_cert adds the PEM
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$base = new EventBase();
$srv = tls_server($base);
$info = null;
foreach ([false, true] as $capture) {
    $s = AsyncStream::connect($base, tls_addr($srv), ['tls' => tls_client_opts(['capture_peer_cert' => $capture])]);
    $s->onConnect(function ($s) use (&$info) { $info = $s->getTlsInfo(); $s->close(); });
    $info = null;
    tls_run_until($base, function () use (&$info) { return $info !== null; });
    if (!$capture) {
        echo implode(",", array_keys($info)), "\n";
        var_dump(in_array($info['protocol'], ['TLSv1.2', 'TLSv1.3'], true), is_string($info['cipher']) && $info['cipher'] !== '');
        var_dump($info['alpn'], $info['verified'], $info['session_reused'], $info['clean_shutdown']);
        $pc = $info['peer_certificate'];
        echo implode(",", array_keys($pc)), "\n";
        echo "subject: ", $pc['subject'], "\nissuer: ", $pc['issuer'], "\nsan: ", implode(" ", $pc['san']), "\n";
        $x = openssl_x509_parse(file_get_contents($certs['server.crt']));
        var_dump($pc['valid_from'] === $x['validFrom_time_t'], $pc['valid_to'] === $x['validTo_time_t']);
        var_dump($pc['fingerprint_sha256'] === openssl_x509_fingerprint(file_get_contents($certs['server.crt']), 'sha256'));
    } else {
        echo "with capture_peer_cert: ", var_export(openssl_x509_fingerprint($info['peer_certificate']['pem'], 'sha256')
            === $info['peer_certificate']['fingerprint_sha256'], true), "\n";
    }
}
$srv->close();
?>
--EXPECT--
protocol,cipher,alpn,peer_certificate,verified,session_reused,clean_shutdown
bool(true)
bool(true)
NULL
bool(true)
bool(false)
NULL
subject,issuer,san,valid_from,valid_to,fingerprint_sha256
subject: CN=localhost,O=asyncstream
issuer: CN=asyncstream test CA,O=asyncstream
san: DNS:localhost IP:127.0.0.1 IP:::1
bool(true)
bool(true)
bool(true)
with capture_peer_cert: true
