--TEST--
AsyncStream: write() and end() called before the connection completes are sent in order, then the FIN
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
$base = new EventBase();
$dog = as_watchdog($base);
$peer = null;
$received = '';
$acc = as_accept_one($base, $srv, function ($p) use (&$peer, &$received) {
    $peer = $p;
    $p->onData(function ($p, $d) use (&$received) { $received .= $d; })
      ->onEnd(function ($p) use (&$received) { $p->end("ack " . strlen($received)); });
});
$s = AsyncStream::connect($base, $addr, ['high_water' => 1 << 20]);
$parts = [];
for ($i = 0; $i < 100; $i++) { $parts[] = "part $i;"; }
foreach ($parts as $p) $s->write($p);
var_dump($s->getWriteBufferSize() === strlen(implode('', $parts)));
$s->end(str_repeat("z", 300000));
var_dump($s->isConnected());
$s->onConnect(fn() => print("onConnect\n"))
  ->onData(fn($s, $d) => print("$d\n"))
  ->onClose(function ($s, $e) use ($dog) { echo "onClose ", as_err($e), "\n"; $dog->del(); });
$base->loop();
var_dump($received === implode('', $parts) . str_repeat("z", 300000));
?>
--EXPECT--
bool(true)
bool(false)
onConnect
ack 300790
onClose null
bool(true)
