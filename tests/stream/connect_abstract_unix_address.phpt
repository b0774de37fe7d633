--TEST--
AsyncStream: "unix://@name" (the form getRemoteAddress() gives an abstract unix socket) works for connect() and the server
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$name = "asyncstream-test-" . getmypid();
$base = new EventBase();
$dog = as_watchdog($base);
$server = new AsyncStreamServer($base, "unix://@$name", function (AsyncStream $c, AsyncStreamServer $srv) {
    $c->onData(function ($c, $d) {
        echo "server local: ", $c->getLocalAddress(), "\n";
        $c->end("echo:$d");
    });
});
echo "server: ", $server->getAddress(), "\n";
// A plain stream_socket_client() agrees that this is the same socket.
$raw = stream_socket_client("unix://\0$name", $errno, $errstr, 5);
var_dump(is_resource($raw));
fclose($raw);
$c = AsyncStream::connect($base, $server->getAddress());
$c->onConnect(fn($s) => print("client remote: " . $s->getRemoteAddress() . "\n"))
  ->onData(fn($s, $d) => print("$d\n"))
  ->onClose(function ($s, $e) use ($dog, $server) { $dog->del(); $server->close(); echo "close: ", as_err($e), "\n"; });
$c->write("hi");
$base->loop();
try {
    AsyncStream::connect($base, "unix://@");
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
try {
    AsyncStream::connect($base, "unix://@" . str_repeat("a", 108));
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECTF--
server: unix://@asyncstream-test-%d
bool(true)
client remote: unix://@asyncstream-test-%d
server local: unix://@asyncstream-test-%d
echo:hi
close: null
AsyncStream::connect(): Argument #2 ($address) must be "unix:///absolute/path" or "unix://@abstract-name", "unix://@" given
AsyncStream::connect(): Argument #2 ($address) has an abstract unix socket name longer than 107 bytes
