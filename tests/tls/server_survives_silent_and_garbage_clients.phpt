--TEST--
TLS: a client that never handshakes is dropped after handshake_timeout and one that sends garbage at once; both go to onError naming the peer, never to onConnection, and the server keeps accepting meanwhile
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
require_once __DIR__ . '/../util/helpers.php';
// Long enough for a real handshake on a loaded machine (and under valgrind), short enough to wait for.
$timeout = as_under_valgrind() ? 15.0 : 3.0;
$base = new EventBase();
$errors = [];
$connections = 0;
$srv = tls_server($base, ['handshake_timeout' => $timeout], function (AsyncStream $c) use (&$connections) {
    $connections++;
    $c->onData(fn($c, $d) => $c->write($d));
});
$srv->onError(function ($srv, $e) use (&$errors) { $errors[] = $e; });
$port = (int)substr(strrchr($srv->getAddress(), ':'), 1);

$silent = stream_socket_client("tcp://127.0.0.1:$port");
$silentName = stream_socket_get_name($silent, false);
$garbage = stream_socket_client("tcp://127.0.0.1:$port");
$garbageName = stream_socket_get_name($garbage, false);
fwrite($garbage, "GET / HTTP/1.0\r\n\r\n");

// A real client is served while the silent one waits.
$t0 = microtime(true);
echo "TLS client during the silent one's wait: ", tls_try($base, tls_addr($srv), tls_client_opts()), "\n";
tls_run_until($base, function () use (&$errors) { return count($errors) >= 2; });
$elapsed = microtime(true) - $t0;
foreach ($errors as $e) {
    $who = str_contains($e->getMessage(), $silentName) ? "silent" : (str_contains($e->getMessage(), $garbageName) ? "garbage" : "?");
    echo "$who: ", as_err($e), ": ", str_replace([$silentName, $garbageName, "($timeout s)"], ['PEER', 'PEER', '(TIMEOUT s)'], $e->getMessage()), "\n";
}
echo "the silent client was dropped after about the timeout: ", var_export($elapsed >= $timeout - 0.1 && $elapsed < $timeout + 30, true), "\n";
echo "the server closed both: ", var_export(fread($silent, 10) === '' && feof($silent), true), "\n";
echo "and keeps accepting: ", tls_try($base, tls_addr($srv), tls_client_opts()), "\n";
echo "onConnection calls: $connections\n";
$srv->close();
?>
--EXPECTF--
TLS client during the silent one's wait: ok: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
garbage: AsyncStreamTlsException(EPROTO): TLS handshake with tcp://PEER failed: %s
silent: AsyncStreamTlsException(ETIMEDOUT): TLS handshake with tcp://PEER failed: no handshake within handshake_timeout (TIMEOUT s)
the silent client was dropped after about the timeout: true
the server closed both: true
and keeps accepting: ok: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
onConnection calls: 2
