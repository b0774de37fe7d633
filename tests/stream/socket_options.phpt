--TEST--
AsyncStream: TCP_NODELAY is on by default; setNoDelay()/setKeepAlive() change the socket
--EXTENSIONS--
sockets
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
[$h, $p] = explode(':', $addr);
$sock = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_connect($sock, $h, (int)$p);
$base = new EventBase();
var_dump(socket_get_option($sock, SOL_TCP, TCP_NODELAY) != 0);
$s = new AsyncStream($base, $sock); // the dup shares the socket: options show on $sock too
var_dump(socket_get_option($sock, SOL_TCP, TCP_NODELAY) != 0);
var_dump(socket_get_option($sock, SOL_SOCKET, SO_KEEPALIVE) != 0);
var_dump($s->setNoDelay(false) === $s);
var_dump(socket_get_option($sock, SOL_TCP, TCP_NODELAY) != 0);
$s->setKeepAlive();
var_dump(socket_get_option($sock, SOL_SOCKET, SO_KEEPALIVE) != 0);
$s->setNoDelay()->setKeepAlive(false);
var_dump(socket_get_option($sock, SOL_TCP, TCP_NODELAY) != 0, socket_get_option($sock, SOL_SOCKET, SO_KEEPALIVE) != 0);
$s->close();
?>
--EXPECT--
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
bool(true)
bool(false)
