--TEST--
AsyncStreamServer: dropping the last reference inside onConnection closes it after the callback returns (G1)
--FILE--
<?php
$base = new EventBase();
$conns = [];
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $conn, AsyncStreamServer $srv) use (&$conns, &$server) {
    $conns[] = $conn;
    $server = null; // the last reference outside this call
    var_dump($srv->isListening()); // still usable until the callback returns
    echo "address still readable: ", $srv->getAddress() !== '' ? "yes" : "no", "\n";
    $conn->write("bye");
    $conn->end();
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
?>
--EXPECT--
bool(true)
address still readable: yes
client got bye
NULL
int(1)
rebound
