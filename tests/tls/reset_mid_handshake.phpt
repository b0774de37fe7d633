--TEST--
TLS: a connection reset in the middle of the handshake: the server reports it to onError (ECONNRESET, naming the peer) and goes on; a client gets onClose(AsyncStreamTlsException)
--SKIPIF--
<?php
require __DIR__ . '/fixtures/skipif.inc';
if (!function_exists('socket_create')) die('skip sockets needed');
?>
--EXTENSIONS--
sockets
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$base = new EventBase();

/** Resets a connected socket (SO_LINGER 0): the peer gets RST, not FIN. */
function reset_socket($stream): void
{
    $sock = socket_import_stream($stream);
    socket_set_option($sock, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]);
    socket_close($sock); // closes the stream's descriptor too
}

// Server side: half a ClientHello record, then RST.
$errors = [];
$srv = tls_server($base)->onError(function ($srv, $e) use (&$errors) { $errors[] = $e; });
$c = stream_socket_client('tcp://' . substr($srv->getAddress(), 6));
$name = stream_socket_get_name($c, false);
fwrite($c, "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03");
$t = Event::timer($base, fn() => reset_socket($c));
$t->add(0.2);
tls_run_until($base, function () use (&$errors) { return count($errors) >= 1; });
echo "server onError: ", as_err($errors[0]), ": ", str_replace($name, 'PEER', $errors[0]->getMessage()), "\n";
echo "server still accepts: ", tls_try($base, tls_addr($srv), tls_client_opts()), "\n";
$srv->close();

// Client side: a raw server reads the ClientHello and resets.
[$raw, $addr] = as_listen();
$ev = new Event($base, $raw, Event::READ | Event::PERSIST, function () use ($raw, $base, &$ev) {
    $conn = stream_socket_accept($raw, 0);
    $ev->del();
    $rd = new Event($base, $conn, Event::READ, function () use ($conn, &$rd) {
        fread($conn, 4096); // the ClientHello
        reset_socket($conn);
    });
    $rd->add();
    $GLOBALS['keep'] = $rd;
});
$ev->add();
echo "client: ", tls_try($base, "tls://$addr", tls_client_opts()), "\n";
?>
--EXPECTF--
server onError: AsyncStreamTlsException(ECONNRESET): TLS handshake with tcp://PEER failed: Connection reset by peer
server still accepts: ok: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
client: error: AsyncStreamTlsException(ECONNRESET): TLS handshake with tls://127.0.0.1:%d failed: Connection reset by peer
