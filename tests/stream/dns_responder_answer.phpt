--TEST--
AsyncStream: names are resolved by the nameserver of asyncstream.resolv_conf
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$dns = as_dns_responder();
[$srv, $addr] = as_listen();
$port = substr($addr, strrpos($addr, ':') + 1);
$base = new EventBase();
$dog = as_watchdog($base);
$peer = null;
$acc = as_accept_one($base, $srv, function ($s) use (&$peer) { $peer = $s; $s->onData(fn($s, $d) => $s->end("answer to $d")); });
$s = AsyncStream::connect($base, "ok.test:$port")
    ->onConnect(function ($s) use ($addr) {
        var_dump($s->getRemoteAddress() === "tcp://$addr");
        $s->write("ok.test");
    })
    ->onData(fn($s, $d) => print("$d\n"))
    ->onClose(function ($s, $e) use ($dog) { echo as_err($e), "\n"; $dog->del(); });
$base->loop();
as_dns_responder_stop($dns);
?>
--EXPECT--
bool(true)
answer to ok.test
null
