--TEST--
Event: a WRITE event fires when a nonblocking TCP connect succeeds, with SO_ERROR 0
--EXTENSIONS--
sockets
--FILE--
<?php
$srv = stream_socket_server("tcp://127.0.0.1:0", $errno, $errstr);
$addr = stream_socket_get_name($srv, false);
$c = stream_socket_client("tcp://$addr", $errno, $errstr, 5, STREAM_CLIENT_ASYNC_CONNECT | STREAM_CLIENT_CONNECT);
var_dump(is_resource($c));

$base = new EventBase();
$ev = new Event($base, $c, Event::WRITE, function ($fd, $what) use ($c) {
    var_dump($fd === $c, $what === Event::WRITE);
    var_dump(EventUtil::getLastSocketErrno(socket_import_stream($fd)));
    var_dump(socket_get_option(socket_import_stream($fd), SOL_SOCKET, SO_ERROR));
}, null);
var_dump($ev->add(10));
var_dump($base->loop());

$conn = stream_socket_accept($srv, 10);
var_dump(stream_socket_get_name($conn, true) === stream_socket_get_name($c, false));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
int(0)
bool(true)
bool(true)
