--TEST--
AsyncStreamServer: an exception in onConnection stops the accept loop at once, comes out of loop() unchanged, and the server keeps listening (G4)
--FILE--
<?php
$base = new EventBase();
$conns = [];
$n = 0;
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c) use (&$conns, &$n) {
    $conns[] = $c;
    $n++;
    throw new DomainException("boom $n");
});
$server->pause();
$connected = 0;
$clients = [];
for ($i = 0; $i < 2; $i++) {
    $c = AsyncStream::connect($base, $server->getAddress());
    $c->onConnect(function () use (&$connected, $server) { if (++$connected === 2) $server->resume(); });
    $clients[] = $c;
}
try {
    $base->loop();
} catch (DomainException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
// Only one was accepted: the exception stopped the accept loop at once.
var_dump($n, $server->isListening());
try {
    $base->loop();
} catch (DomainException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
var_dump($n);
?>
--EXPECT--
DomainException: boom 1
int(1)
bool(true)
DomainException: boom 2
int(2)
