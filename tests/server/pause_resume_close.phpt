--TEST--
AsyncStreamServer: pause() leaves connections queued, resume() accepts them, close() is idempotent and stops for good
--FILE--
<?php
$base = new EventBase();
$accepted = [];
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $conn) use (&$accepted) {
    $accepted[] = $conn;
    echo "accepted ", count($accepted), "\n";
});
$server->pause();
$server->pause(); // idempotent
var_dump($server->isListening());

// The kernel queues the connection while nobody accepts.
$c1 = AsyncStream::connect($base, $server->getAddress());
$c1->onConnect(function () use ($base) { echo "client 1 connected (queued)\n"; $base->stop(); });
$base->loop();
var_dump(count($accepted));

$server->resume();
$server->resume(); // idempotent
var_dump($server->isListening());
$base->loop(EventBase::LOOP_ONCE);
var_dump(count($accepted));

$server->close();
$server->close(); // idempotent
var_dump($server->isListening());
$server->pause(); // harmless after close()
try {
    $server->resume();
} catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
var_dump($server->onError(fn() => null) === $server);
var_dump(str_starts_with($server->getAddress(), "tcp://127.0.0.1:"));

// The port is free again: a new connect is refused.
$c2 = AsyncStream::connect($base, $server->getAddress());
$c1->close();
$c2->onClose(function ($s, ?AsyncStreamException $e) { echo "client 2: ", $e ? $e->getCode() === 111 ? "refused" : $e->getMessage() : "clean close", "\n"; });
$accepted = [];
$base->loop();
?>
--EXPECT--
bool(false)
client 1 connected (queued)
int(0)
bool(true)
accepted 1
int(1)
bool(false)
Error: AsyncStreamServer::resume(): the server has been closed
bool(true)
bool(true)
client 2: refused
