--TEST--
AsyncStreamServer: dropping the last reference inside onConnection is safe and does not close it (the loop owns a listening server); close() then releases it (G1)
--FILE--
<?php
$base = new EventBase();
$conns = [];
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $conn, AsyncStreamServer $srv) use (&$conns, &$server) {
    $conns[] = $conn;
    $server = null; // the last reference of ours
    var_dump($srv->isListening()); // still listening: the loop owns it
    $conn->write("bye");
    $conn->end();
    if (count($conns) === 2) {
        $srv->close(); // now it goes
    }
});
$addr = $server->getAddress();
$weak = WeakReference::create($server);
$server->pause();
$connected = 0;
$clients = [];
for ($i = 0; $i < 2; $i++) {
    $c = AsyncStream::connect($base, $addr);
    $c->onConnect(function () use (&$connected, &$server) { if (++$connected === 2) $server->resume(); });
    $c->onData(function ($s, $d) { echo "client got $d\n"; });
    $c->onClose(function ($s, $e) use ($i, &$clients) { unset($clients[$i]); });
    $clients[$i] = $c;
}
$base->loop();
var_dump($weak->get());
var_dump(count($conns));
// The port is free again.
$again = new AsyncStreamServer($base, $addr, fn() => null);
echo "rebound\n";
$again->close();
?>
--EXPECT--
bool(true)
bool(true)
client got bye
client got bye
NULL
int(2)
rebound
