--TEST--
AsyncStreamServer: keeps its EventBase alive; EventBase::free() detaches it (listening socket closed), then methods throw Error (G2)
--FILE--
<?php
function make(): AsyncStreamServer {
    $base = new EventBase(); // only the server refers to it once we return
    return new AsyncStreamServer($base, "127.0.0.1:0", fn() => null);
}
$s = make();
var_dump($s->isListening()); // the base is alive through the server

$base = new EventBase();
$server = new AsyncStreamServer($base, "127.0.0.1:0", fn() => null);
$addr = $server->getAddress();
$base->free();
foreach (['isListening', 'getAddress', 'pause', 'resume'] as $m) {
    try {
        $server->$m();
        echo "$m: no exception\n";
    } catch (Error $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
try {
    $server->onError(fn() => null);
} catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
$server->close(); // harmless
echo "close: ok\n";

// The listening socket was closed: the port can be bound again at once.
$base2 = new EventBase();
$again = new AsyncStreamServer($base2, $addr, fn() => null);
echo "rebound\n";

// free() inside onConnection: no crash, the loop returns, the server is detached.
$conns = [];
$srv = new AsyncStreamServer($base2, "127.0.0.1:0", function (AsyncStream $c, AsyncStreamServer $srv) use ($base2, &$conns) {
    $conns[] = $c;
    $base2->free();
    try { $srv->isListening(); } catch (Error $e) { echo "inside: ", $e->getMessage(), "\n"; }
});
$client = AsyncStream::connect($base2, $srv->getAddress());
$base2->loop();
echo "loop returned\n";
?>
--EXPECT--
bool(true)
Error: AsyncStreamServer::isListening(): the server's EventBase has been freed
Error: AsyncStreamServer::getAddress(): the server's EventBase has been freed
Error: AsyncStreamServer::pause(): the server's EventBase has been freed
Error: AsyncStreamServer::resume(): the server's EventBase has been freed
Error: AsyncStreamServer::onError(): the server's EventBase has been freed
close: ok
rebound
inside: AsyncStreamServer::isListening(): the server's EventBase has been freed
loop returned
