--TEST--
AsyncStreamServer: bound to port 0, getAddress() names the real port and connect() accepts it
--INI--
pcre.jit=0
--FILE--
<?php
$base = new EventBase();
$conns = [];
$server = new AsyncStreamServer($base, "tcp://127.0.0.1:0", function (AsyncStream $conn, AsyncStreamServer $srv) use (&$conns, &$server) {
    var_dump($srv === $server);
    $conns[] = $conn;
    $conn->onData(function (AsyncStream $c, string $data) { $c->end("echo:$data"); });
});
$addr = $server->getAddress();
var_dump(preg_match('~^tcp://127\.0\.0\.1:(\d+)$~', $addr, $m) === 1, (int)$m[1] > 0);
var_dump($server->isListening());

$client = AsyncStream::connect($base, $addr);
$client->onConnect(function (AsyncStream $c) { $c->write("hi"); });
$client->onData(function (AsyncStream $c, string $data) { echo "client got: $data\n"; });
$client->onClose(function (AsyncStream $c, ?AsyncStreamException $e) use ($server, &$conns) {
    echo "client closed: ", $e ? $e->getMessage() : "clean", "\n";
    var_dump($c->getRemoteAddress() === $server->getAddress() || $c->getRemoteAddress() === null);
    $server->close();
    $conns = [];
});
var_dump($base->loop());
var_dump($server->isListening(), $server->getAddress() === $addr);

// IPv6 literal and the "HOST:PORT" form
$s6 = new AsyncStreamServer($base, "[::1]:0", fn() => null);
var_dump(preg_match('~^tcp://\[::1\]:[1-9]\d*$~', $s6->getAddress()) === 1);
$s4 = new AsyncStreamServer($base, "localhost:0", fn() => null);
var_dump(preg_match('~^tcp://127\.0\.0\.1:[1-9]\d*$~', $s4->getAddress()) === 1);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
client got: echo:hi
client closed: clean
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
