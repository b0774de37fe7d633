--TEST--
AsyncStream: a refused connect fires onClose once with ECONNREFUSED and never onConnect
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
fclose($srv); // nobody listens there any more
$base = new EventBase();
$dog = as_watchdog($base);
$closes = 0;
$s = AsyncStream::connect($base, $addr)
    ->onConnect(fn() => print("onConnect must not fire\n"))
    ->onData(fn() => print("onData must not fire\n"))
    ->onClose(function (AsyncStream $s, ?AsyncStreamException $e) use (&$closes, $dog, $addr) {
        $closes++;
        $dog->del();
        echo as_err($e), "\n";
        var_dump($e->getCode() === SOCKET_ECONNREFUSED);
        var_dump($e->getMessage() === "connect to tcp://$addr failed: Connection refused");
        var_dump($s->isClosed(), $s->isConnected());
        var_dump($s->write("x"));
    });
$base->loop();
$base->loop();
var_dump($closes);
?>
--EXPECT--
AsyncStreamException(ECONNREFUSED)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
int(1)
