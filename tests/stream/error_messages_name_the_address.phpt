--TEST--
AsyncStream: error messages name the peer's address even after a reset, and an unnamed socket by the descriptor the script gave, never a bare "fd N"
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
$dog = as_watchdog($base);
$clientName = null;
$left = 2;
$done = function () use (&$left, $dog) { if (--$left === 0) $dog->del(); };
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c, AsyncStreamServer $srv) use (&$raw, &$clientName, $done) {
    $srv->close();
    $c->onClose(function ($c, $e) use (&$clientName, $done) {
        $done();
        echo "accepted: ", as_err($e), " ", str_replace($clientName, "CLIENT", $e->getMessage()), "\n";
    });
    // The client resets the connection (SO_LINGER 0); getpeername() fails after that.
    $clientName = "tcp://" . stream_socket_get_name($raw, false);
    $sock = socket_import_stream($raw);
    socket_set_option($sock, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]);
    fclose($raw);
    unset($sock);
});
$raw = stream_socket_client($server->getAddress());

[$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$fd = EventUtil::getSocketFd($x);
$p = new AsyncStream($base, $x);
$p->setTimeout(0.1)->onClose(function ($s, $e) use ($fd, $done) {
    $done();
    echo "pair: ", as_err($e), " ", str_replace("fd $fd ", "fd GIVEN ", $e->getMessage()), "\n";
});
$base->loop();
?>
--EXPECTF--
accepted: AsyncStreamException(ECONNRESET) read from CLIENT failed: Connection reset by peer
pair: AsyncStreamException(ETIMEDOUT) connection to fd GIVEN (unnamed unix socket) idle for 0.1 s: Connection timed out
