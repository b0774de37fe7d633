--TEST--
AsyncStream: connect() to "[::1]:PORT" over IPv6 loopback
--SKIPIF--
<?php
$s = @stream_socket_server("tcp://[::1]:0");
if (!$s) die("skip no IPv6 loopback");
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen("tcp://[::1]:0");
$base = new EventBase();
$dog = as_watchdog($base);
$peer = null;
$acc = as_accept_one($base, $srv, function ($s) use (&$peer) { $peer = $s; $s->onData(fn($s, $d) => $s->end("pong")); });
$c = AsyncStream::connect($base, $addr)
    ->onConnect(function ($s) use ($addr) {
        echo $addr === stream_socket_get_name($GLOBALS['srv'], false) ? "" : "addr mismatch\n";
        var_dump($s->getRemoteAddress() === "tcp://$addr");
        var_dump((bool)preg_match('~^tcp://\[::1\]:\d+$~', $s->getLocalAddress()));
        $s->write("ping");
    })
    ->onData(fn($s, $d) => print("got $d\n"))
    ->onClose(function ($s, $e) use ($dog) { echo "close ", as_err($e), "\n"; $dog->del(); });
$base->loop();
?>
--EXPECT--
bool(true)
bool(true)
got pong
close null
