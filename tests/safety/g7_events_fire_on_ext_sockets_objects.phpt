--TEST--
G7: Events on ext/sockets Socket objects (a socket pair, a listening and an accepted socket) fire, with the Socket passed back
--EXTENSIONS--
sockets
--FILE--
<?php
$base = new EventBase();

var_dump(socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair));
$ev = new Event($base, $pair[0], Event::READ, function ($s, $what) use ($pair) {
    var_dump($s === $pair[0], $what);
    var_dump(socket_read($s, 100));
});
$ev->add();
socket_write($pair[1], "pair data");
$base->loop();

$listen = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($listen, "127.0.0.1", 0);
socket_listen($listen);
socket_getsockname($listen, $host, $port);
$accepted = null;
$evAccepted = null;
$evListen = new Event($base, $listen, Event::READ, function ($l) use ($base, &$accepted, &$evAccepted) {
    $accepted = socket_accept($l);
    echo "accepted a ", get_class($accepted), "\n";
    $evAccepted = new Event($base, $accepted, Event::READ, function ($s) use (&$accepted) {
        var_dump($s === $accepted);
        var_dump(socket_read($s, 100));
    });
    $evAccepted->add();
});
$evListen->add();
$client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_connect($client, $host, $port);
socket_write($client, "tcp data");
$base->loop();
?>
--EXPECT--
bool(true)
bool(true)
int(2)
string(9) "pair data"
accepted a Socket
bool(true)
string(8) "tcp data"
