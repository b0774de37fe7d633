--TEST--
AsyncStreamServer: connections accepted before the server was closed and freed keep working
--FILE--
<?php
$base = new EventBase();
$conns = [];
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $conn) use (&$conns) {
    $conns[] = $conn;
    $conn->onData(function (AsyncStream $c, string $d) { $c->write("echo:$d"); });
    $conn->onEnd(function (AsyncStream $c) { $c->end(); });
});
$client = AsyncStream::connect($base, $server->getAddress());
$client->onConnect(function (AsyncStream $c) { $c->write("1"); });
$client->onData(function (AsyncStream $c, string $d) use (&$server, &$conns) {
    echo "client got $d\n";
    if ($d === "echo:1") {
        $server->close(); // closed and freed, with the accepted connection still open
        $server = null;
        gc_collect_cycles();
        $c->write("2");
    } else {
        $c->end();
    }
});
$client->onClose(function ($s, $e) { echo "client closed: ", $e ? $e->getMessage() : "clean", "\n"; });
$base->loop();
var_dump($server, count($conns), $conns[0]->isClosed());
?>
--EXPECT--
client got echo:1
client got echo:2
client closed: clean
NULL
int(1)
bool(true)
