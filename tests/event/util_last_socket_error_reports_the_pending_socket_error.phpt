--TEST--
EventUtil: getLastSocketErrno()/getLastSocketError() report a socket's pending error (a refused connect)
--EXTENSIONS--
sockets
--FILE--
<?php
$srv = stream_socket_server("tcp://127.0.0.1:0");
$addr = stream_socket_get_name($srv, false);
fclose($srv);

$base = new EventBase();
$connect = function () use ($addr) {
    return stream_socket_client("tcp://$addr", $errno, $errstr, 5, STREAM_CLIENT_ASYNC_CONNECT | STREAM_CLIENT_CONNECT);
};
$c1 = $connect();
$c2 = $connect();
foreach ([$c1, $c2] as $i => $c) {
    $ev = new Event($base, $c, Event::WRITE, function ($fd) use ($i) {
        if ($i === 0) {
            var_dump(EventUtil::getLastSocketErrno(socket_import_stream($fd)) === SOCKET_ECONNREFUSED);
        } else {
            var_dump(EventUtil::getLastSocketError($fd));
        }
    });
    $ev->add(10);
    $base->loop();
}

// A healthy socket has no pending error.
$ok = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
var_dump(EventUtil::getLastSocketErrno($ok), EventUtil::getLastSocketError($ok));
// Without a socket: this process's errno, as an int / string.
var_dump(is_int(EventUtil::getLastSocketErrno()), is_string(EventUtil::getLastSocketError()));
?>
--EXPECT--
bool(true)
string(18) "Connection refused"
int(0)
string(7) "Success"
bool(true)
bool(true)
