--TEST--
AsyncStreamServer: per-connection options reach every accepted AsyncStream; reuseaddr is on by default; ipv6_only is applied
--FILE--
<?php
$base = new EventBase();

// max_frame (a per-connection option) applies to accepted connections.
$conns = [];
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $conn) use (&$conns) {
    $conns[] = $conn;
    $conn->setFraming(AsyncStream::FRAME_DELIMITER, "\n");
    $conn->onData(function ($c, $d) { echo "frame: $d\n"; });
    $conn->onClose(function ($c, ?AsyncStreamException $e) {
        echo "server side closed: ", $e ? $e->getCode() . " " . (str_contains($e->getMessage(), "frame") ? "frame too large" : $e->getMessage()) : "clean", "\n";
    });
}, ['max_frame' => 8, 'nodelay' => false, 'keepalive' => true, 'high_water' => 1024, 'low_water' => 10]);
$client = AsyncStream::connect($base, $server->getAddress());
$client->onConnect(function (AsyncStream $c) { $c->write("short\n" . str_repeat("x", 20) . "\n"); });
$client->onClose(function () use ($server) { $server->close(); });
$base->loop();

// reuseaddr (default on): a port with a connection in TIME_WAIT can be bound again at once.
function time_wait_port(EventBase $base, array $opts): string {
    $conns = [];
    $server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c, AsyncStreamServer $srv) use (&$conns) {
        $c->close(); // the server closes first: its side goes to TIME_WAIT
        $srv->close();
    }, $opts);
    $client = AsyncStream::connect($base, $server->getAddress());
    $client->onEnd(fn(AsyncStream $c) => $c->close());
    $base->loop();
    return $server->getAddress();
}
$addr = time_wait_port($base, []);
$s = new AsyncStreamServer($base, $addr, fn() => null);
echo "default: rebound during TIME_WAIT\n";
$s->close();
$addr = time_wait_port($base, ['reuseaddr' => false]);
try {
    new AsyncStreamServer($base, $addr, fn() => null, ['reuseaddr' => false]);
    echo "reuseaddr=false: rebound\n";
} catch (AsyncStreamException $e) {
    echo "reuseaddr=false: ", str_replace($addr, 'ADDR', $e->getMessage()), "\n";
}

// ipv6_only: a [::] server also takes IPv4 connections unless ipv6_only is set.
foreach ([false, true] as $only) {
    $srv = new AsyncStreamServer($base, "[::]:0", function ($c) use ($base) { echo "  accepted over IPv4\n"; $base->stop(); }, ['ipv6_only' => $only]);
    $port = substr($srv->getAddress(), strrpos($srv->getAddress(), ':') + 1);
    echo "ipv6_only=", var_export($only, true), ":\n";
    $c = AsyncStream::connect($base, "127.0.0.1:$port");
    $c->onClose(function ($s, $e) use ($base) { if ($e) { echo "  IPv4 connect: ", $e->getCode() === 111 ? "refused" : $e->getMessage(), "\n"; } $base->stop(); });
    $base->loop();
    $c->close();
    $srv->close();
}
?>
--EXPECT--
frame: short
server side closed: 90 frame too large
default: rebound during TIME_WAIT
reuseaddr=false: cannot listen on ADDR: Address already in use
ipv6_only=false:
  accepted over IPv4
ipv6_only=true:
  IPv4 connect: refused
