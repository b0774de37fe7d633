--TEST--
AsyncStream: a name with several addresses is tried address after address until one accepts
--SKIPIF--
<?php
if (!@stream_socket_server("tcp://[::1]:0")) die("skip no IPv6 loopback");
?>
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$dns = as_dns_responder();
// Listen on both families with the same port, then close the one the resolver lists first,
// so the first address is refused and the second one must be tried.
for ($try = 0; $try < 20; $try++) {
    [$v6, $addr6] = as_listen("tcp://[::1]:0");
    $port = (int)substr($addr6, strrpos($addr6, ':') + 1);
    $v4 = @stream_socket_server("tcp://127.0.0.1:$port");
    if ($v4) break;
}
$base = new EventBase();
$dog = as_watchdog($base);
$order = [];
foreach (['v4' => $v4, 'v6' => $v6] as $n => $srv) {
    $probe[$n] = new Event($base, $srv, Event::READ, function () use ($srv, $n, &$order) {
        $order[] = $n;
        fclose(stream_socket_accept($srv, 0));
    });
    $probe[$n]->add();
}
$p = AsyncStream::connect($base, "two.test:$port")->onConnect(fn($s) => $s->close());
while (!$order) $base->loop(EventBase::LOOP_ONCE);
$first = $order[0];
echo "the resolver lists an address first\n";
foreach ($probe as $e) $e->del();
fclose($first === 'v4' ? $v4 : $v6);
$other = $first === 'v4' ? 'v6' : 'v4';
$peer = null;
$acc = as_accept_one($base, $first === 'v4' ? $v6 : $v4, function ($s) use (&$peer) { $peer = $s; });
$s = AsyncStream::connect($base, "two.test:$port")
    ->onConnect(function ($s) use ($other, $port, &$peer, $dog) {
        $want = $other === 'v4' ? "tcp://127.0.0.1:$port" : "tcp://[::1]:$port";
        echo "connected to the second address: ", var_export($s->getRemoteAddress() === $want, true), "\n";
        $s->close();
        $dog->del();
    })
    ->onClose(fn($s, $e) => print("closed " . as_err($e) . "\n"));
$base->loop();
$peer?->close();
as_dns_responder_stop($dns);
?>
--EXPECT--
the resolver lists an address first
connected to the second address: true
closed null
