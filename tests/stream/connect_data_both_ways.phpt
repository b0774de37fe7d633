--TEST--
AsyncStream: connect() to a listening port fires onConnect, then data flows both ways
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
$base = new EventBase();
$dog = as_watchdog($base);
$server = null;
$acc = as_accept_one($base, $srv, function (AsyncStream $s) use (&$server) {
    $server = $s;
    $s->onData(function (AsyncStream $s, string $d) {
        echo "server got: $d\n";
        $s->write(strtoupper($d));
    });
    $s->onEnd(function (AsyncStream $s) { echo "server onEnd\n"; $s->end(); });
    $s->onClose(function (AsyncStream $s, $e) { echo "server onClose: ", as_err($e), "\n"; });
});
$c = AsyncStream::connect($base, "tcp://$addr");
var_dump($c->isConnected(), $c->isClosed());
$c->onConnect(function (AsyncStream $s) use ($addr) {
    echo "onConnect\n";
    var_dump($s->isConnected());
    var_dump($s->getRemoteAddress() === "tcp://$addr");
    var_dump((bool)preg_match('~^tcp://127\.0\.0\.1:\d+$~', $s->getLocalAddress()));
    var_dump($s->write("hello"));
})->onData(function (AsyncStream $s, string $d) {
    echo "client got: $d\n";
    $s->end();
})->onEnd(function (AsyncStream $s) { echo "client onEnd\n"; })
  ->onClose(function (AsyncStream $s, $e) use ($dog) {
    echo "client onClose: ", as_err($e), "\n";
    $dog->del();
});
$base->loop();
var_dump($c->isClosed(), $c->isConnected());
?>
--EXPECT--
bool(false)
bool(false)
onConnect
bool(true)
bool(true)
bool(true)
bool(true)
server got: hello
client got: HELLO
server onEnd
server onClose: null
client onEnd
client onClose: null
bool(true)
bool(false)
