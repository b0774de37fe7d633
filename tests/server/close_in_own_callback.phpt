--TEST--
AsyncStreamServer: close() inside onConnection stops accepting at once, even with more connections queued in the same wakeup (G1)
--FILE--
<?php
$base = new EventBase();
$conns = [];
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $conn, AsyncStreamServer $srv) use (&$conns) {
    $conns[] = $conn;
    echo "accepted ", count($conns), "\n";
    $srv->close();
    var_dump($srv->isListening());
});
$server->pause();
$clients = [];
$closed = [];
$connected = 0;
for ($i = 0; $i < 3; $i++) {
    $c = AsyncStream::connect($base, $server->getAddress());
    $c->onConnect(function () use (&$connected, $server) { if (++$connected === 3) $server->resume(); });
    // Collected, not printed: with asyncstream.io_uring=on the resets may already arrive in the second loop turn.
    $c->onClose(function (AsyncStream $s, ?AsyncStreamException $e) use ($i, &$closed) { $closed[] = "client $i closed: " . ($e ? "error" : "clean"); });
    $clients[] = $c;
}
$base->loop(EventBase::LOOP_ONCE); // the three connect
$base->loop(EventBase::LOOP_ONCE); // the server wakes with three queued
var_dump(count($conns));
// Closing the server dropped the two it had not accepted: their clients see the reset.
// The accepted one stays open until closed (the loop owns an open stream).
foreach ($conns as $conn) $conn->close();
$conns = [];
$base->loop();
echo implode("\n", $closed), "\n";
echo "done\n";
?>
--EXPECTF--
accepted 1
bool(false)
int(1)
client %d closed: %s
client %d closed: %s
client %d closed: %s
done
