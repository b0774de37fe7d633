--TEST--
AsyncStream: close() or EventBase::free() while a name is being resolved cancels the lookup (unset does not: the loop owns the stream); onClose once
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$dns = as_dns_responder();
$base = new EventBase();
$log = [];
$mk = function (string $name) use ($base, &$log) {
    return AsyncStream::connect($base, "slow.test:80")
        ->onConnect(function () use ($name) { echo "$name: onConnect must not fire\n"; })
        ->onClose(function ($s, $e) use ($name, &$log) { $log[] = "$name: " . as_err($e); });
};
$a = $mk("close");
$b = $mk("unset");
$c = $mk("base free");
$t = Event::timer($base, function () use (&$a, &$b, $base) {
    $a->close();
    $b = null;        // dropping our variable does not stop it: the loop owns an open stream
    $base->free();    // this closes both remaining lookups
});
$t->add(0.05);
$base->loop();
var_dump($c->isClosed());
echo implode("\n", $log), "\n";
// A fresh base gets its own resolver; the held answers are released and ignored.
$udp = stream_socket_client("udp://127.0.0.1:{$dns[2]}");
fwrite($udp, "go");
as_dns_responder_stop($dns);
?>
--EXPECT--
bool(true)
close: null
base free: null
unset: null
