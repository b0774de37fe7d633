--TEST--
AsyncStream: while a name resolves slowly, a timer on the same loop fires on time
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$dns = as_dns_responder();
[$srv, $addr] = as_listen();
$port = substr($addr, strrpos($addr, ':') + 1);
$base = new EventBase();
$dog = as_watchdog($base);
$peer = null;
$acc = as_accept_one($base, $srv, function ($s) use (&$peer) { $peer = $s; });
$t0 = microtime(true);
$timerAt = null;
$s = AsyncStream::connect($base, "slow.test:$port")
    ->onConnect(function ($s) use (&$timerAt, &$peer, $dog) {
        echo "onConnect after the timer: ", var_export($timerAt !== null, true), "\n";
        $s->close();
        $dog->del();
    })
    ->onClose(fn($s, $e) => print("closed " . as_err($e) . "\n"));
// The responder holds the answer for slow.test until it gets "go": only a loop that is
// not blocked in the resolver can run this timer and send it.
$timer = Event::timer($base, function () use (&$timerAt, $t0, $dns) {
    $timerAt = microtime(true) - $t0;
    echo "timer fired in time: ", var_export($timerAt < 2.0, true), "\n";
    $udp = stream_socket_client("udp://127.0.0.1:{$dns[2]}");
    fwrite($udp, "go");
    fclose($udp);
});
$timer->add(0.05);
var_dump($s->isConnected());
$base->loop();
$peer?->close();
as_dns_responder_stop($dns);
?>
--EXPECT--
bool(false)
timer fired in time: true
onConnect after the timer: true
closed null
