--TEST--
Event: a WRITE event fires when a nonblocking TCP connect is refused, and SO_ERROR says ECONNREFUSED
--EXTENSIONS--
sockets
--FILE--
<?php
// A port that was just free: bind to port 0, read it back, close.
$srv = stream_socket_server("tcp://127.0.0.1:0", $errno, $errstr);
$addr = stream_socket_get_name($srv, false);
fclose($srv);

$c = stream_socket_client("tcp://$addr", $errno, $errstr, 5, STREAM_CLIENT_ASYNC_CONNECT | STREAM_CLIENT_CONNECT);
var_dump(is_resource($c));

$base = new EventBase();
$ev = new Event($base, $c, Event::WRITE, function ($fd, $what) {
    var_dump($what & Event::WRITE);
    $sock = socket_import_stream($fd);
    var_dump(EventUtil::getLastSocketErrno($sock) === SOCKET_ECONNREFUSED);
    // Reading SO_ERROR clears it.
    var_dump(socket_get_option($sock, SOL_SOCKET, SO_ERROR));
});
var_dump($ev->add(10));
var_dump($base->loop());
?>
--EXPECT--
bool(true)
bool(true)
int(4)
bool(true)
int(0)
bool(true)
