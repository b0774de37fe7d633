--TEST--
AsyncStream: connect() resolves "localhost" through the hosts file without blocking
--SKIPIF--
<?php
if (!preg_match('/^\s*127\.0\.0\.1\s+(.*\s)?localhost(\s|$)/m', (string)@file_get_contents('/etc/hosts'))) die("skip /etc/hosts has no 127.0.0.1 localhost");
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
$port = substr($addr, strrpos($addr, ':') + 1);
$base = new EventBase();
$dog = as_watchdog($base);
$peer = null;
$acc = as_accept_one($base, $srv, function ($s) use (&$peer) { $peer = $s; $s->onData(fn($s, $d) => $s->end("hi $d")); });
$s = AsyncStream::connect($base, "localhost:$port")
    ->onConnect(function ($s) use ($addr) {
        var_dump($s->getRemoteAddress() === "tcp://$addr");
        $s->write("there");
    })
    ->onData(fn($s, $d) => print("$d\n"))
    ->onClose(function ($s, $e) use ($dog) { echo as_err($e), "\n"; $dog->del(); });
var_dump($s->isConnected());
$base->loop();
?>
--EXPECT--
bool(false)
bool(true)
hi there
null
