--TEST--
TLS: a client's next connect() to the same server and name resumes the session of an earlier connection (TLS 1.3 and 1.2); 'session_cache' => false, another name, SNI or name check setting, or a new EventBase do a full handshake, and so does PHP's stream_socket_server('tls://'), which cannot resume
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';

/*
 * One request/answer on a new connection; returns getTlsInfo()['session_reused'] as seen
 * after the answer (a TLS 1.3 ticket arrives after the handshake, with the first records).
 */
function fetch(EventBase $base, string $addr, array $tls, string $request): string
{
    $result = null;
    $s = AsyncStream::connect($base, $addr, ['tls' => $tls]);
    $s->onConnect(fn($s) => $s->write($request));
    $s->onData(function ($s, $d) use (&$result) {
        $result ??= "reused=" . var_export($s->getTlsInfo()['session_reused'], true) . " " . $s->getTlsInfo()['protocol'];
    });
    $s->onEnd(fn($s) => $s->close());
    $s->onClose(function ($s, $e) use (&$result) {
        $result ??= "error: " . tls_err($e);
    });
    tls_run_until($base, function () use (&$result, $s) {
        if ($result !== null && !$s->isClosed()) {
            $s->close();
        }
        return $result !== null;
    });
    return $result;
}

$base = new EventBase();
echo "-- our server\n";
$srv = tls_server($base);
$addr = tls_addr($srv);
echo "1st: ", fetch($base, $addr, tls_client_opts(), "ping"), "\n";
echo "2nd: ", fetch($base, $addr, tls_client_opts(), "ping"), "\n";
echo "3rd: ", fetch($base, $addr, tls_client_opts(), "ping"), "\n";
echo "session_cache off: ", fetch($base, $addr, tls_client_opts(['session_cache' => false]), "ping"), "\n";
echo "other peer_name: ", fetch($base, $addr, tls_client_opts(['peer_name' => 'localhost']), "ping"), "\n";
echo "same peer_name, SNI off: ", fetch($base, $addr, tls_client_opts(['peer_name' => 'localhost', 'SNI_enabled' => false]), "ping"), "\n";
echo "same peer_name, name check off: ", fetch($base, $addr, tls_client_opts(['peer_name' => 'localhost', 'verify_peer_name' => false]), "ping"), "\n";
echo "same peer_name again: ", fetch($base, $addr, tls_client_opts(['peer_name' => 'localhost']), "ping"), "\n";
echo "TLS 1.2: ", fetch($base, $addr, tls_client_opts(['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT]), "ping"), "\n";
echo "TLS 1.2 again: ", fetch($base, $addr, tls_client_opts(['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT]), "ping"), "\n";
$srv->close();

echo "-- a new base starts empty\n";
$base2 = new EventBase();
$srv = tls_server($base2);
$base->free();
echo "1st: ", fetch($base2, tls_addr($srv), tls_client_opts(), "ping"), "\n";
$srv->close();

/*
 * PHP's server makes a new SSL_CTX for every accepted connection, so no ticket (nor
 * session id) it issued is ever valid again: it never resumes, with any client (OpenSSL's
 * own s_client -sess_in included). The session offered is refused and the handshake
 * completes as a full one.
 */
echo "-- PHP's server\n";
$peer = tls_php_peer('https-server', ['count' => 3, 'ctx' => ['local_cert' => tls_certs()['server.pem']]]);
$addr = "tls://127.0.0.1:{$peer['port']}";
$get = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
echo "1st: ", fetch($base2, $addr, tls_client_opts(['peer_name' => 'localhost']), $get), "\n";
echo "2nd: ", fetch($base2, $addr, tls_client_opts(['peer_name' => 'localhost']), $get), "\n";
echo "session_cache off: ", fetch($base2, $addr, tls_client_opts(['peer_name' => 'localhost', 'session_cache' => false]), $get), "\n";
tls_php_peer_wait($peer);
?>
--EXPECT--
-- our server
1st: reused=false TLSv1.3
2nd: reused=true TLSv1.3
3rd: reused=true TLSv1.3
session_cache off: reused=false TLSv1.3
other peer_name: reused=false TLSv1.3
same peer_name, SNI off: reused=false TLSv1.3
same peer_name, name check off: reused=false TLSv1.3
same peer_name again: reused=true TLSv1.3
TLS 1.2: reused=false TLSv1.2
TLS 1.2 again: reused=true TLSv1.2
-- a new base starts empty
1st: reused=false TLSv1.3
-- PHP's server
1st: reused=false TLSv1.3
2nd: reused=false TLSv1.3
session_cache off: reused=false TLSv1.3
