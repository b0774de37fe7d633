--TEST--
AsyncStreamServer: a unix-socket server serves connections, getAddress() gives "unix:///path", close() removes the socket file
--FILE--
<?php
$path = sys_get_temp_dir() . "/as-unix-" . getmypid() . ".sock";
@unlink($path);
$base = new EventBase();
$conns = [];
$server = new AsyncStreamServer($base, "unix://$path", function (AsyncStream $conn) use (&$conns) {
    $conns[] = $conn;
    $conn->onData(function (AsyncStream $c, string $d) { $c->end("unix:$d"); });
});
var_dump($server->getAddress() === "unix://$path", filetype($path));
$client = AsyncStream::connect($base, $server->getAddress());
$client->onConnect(fn(AsyncStream $c) => $c->write("hello"));
$client->onData(function ($c, $d) { echo "client got $d\n"; });
$client->onEnd(function (AsyncStream $c) use ($server) { $c->close(); $server->close(); });
$base->loop();
var_dump(file_exists($path), $server->getAddress() === "unix://$path");
?>
--CLEAN--
<?php @unlink(sys_get_temp_dir() . "/as-unix-" . getmypid() . ".sock"); ?>
--EXPECT--
bool(true)
string(6) "socket"
client got unix:hello
bool(false)
bool(true)
