--TEST--
G7: Events on a TCP listening stream, an accepted stream and a client stream all fire
--FILE--
<?php
$srv = stream_socket_server("tcp://127.0.0.1:0");
stream_set_blocking($srv, false);
$addr = stream_socket_get_name($srv, false);
$base = new EventBase();
$conn = null;
$evConn = null;

$evSrv = new Event($base, $srv, Event::READ, function ($fd) use ($base, &$conn, &$evConn) {
    echo "server: incoming connection\n";
    $conn = stream_socket_accept($fd, 0);
    stream_set_blocking($conn, false);
    $evConn = new Event($base, $conn, Event::READ, function ($c) {
        $line = fread($c, 100);
        echo "accepted stream read: $line\n";
        fwrite($c, strtoupper($line));
    });
    $evConn->add();
});
$evSrv->add();

$client = stream_socket_client("tcp://$addr", $errno, $errstr, 5);
stream_set_blocking($client, false);
fwrite($client, "ping");
$evClient = new Event($base, $client, Event::READ, function ($c) {
    echo "client read: ", fread($c, 100), "\n";
});
$evClient->add();
var_dump($base->loop());
?>
--EXPECT--
server: incoming connection
accepted stream read: ping
client read: PING
bool(true)
