--TEST--
AsyncStream: after a lookup timed out because the nameserver is unreachable, the resolver's retry probe does not keep loop() running
--DESCRIPTION--
Runs in a network namespace with only loopback, where the nameserver 10.255.255.53 is
unreachable: evdns marks it down (a lookup that takes longer than its 10 s probe interval)
and keeps a probe pending, which must not keep
loop() running once no lookup is in flight.
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$inner = tempnam(sys_get_temp_dir(), 'asnetns') . '.php';
file_put_contents($inner, '<?php
$conf = tempnam(sys_get_temp_dir(), "asresolv");
file_put_contents($conf, "nameserver 10.255.255.53\noptions timeout:4 attempts:3\n");
ini_set("asyncstream.resolv_conf", $conf);
$base = new EventBase();
$dog = Event::timer($base, function () use ($base) { echo "WATCHDOG: loop() still running after 40 s\n"; $base->stop(); });
$dog->add(40);
$t0 = microtime(true);
AsyncStream::connect($base, "nobody.example:80")->onClose(function ($s, $e) use (&$failedAt) {
    $failedAt = microtime(true);
    echo get_class($e), " code ", $e->getCode(), "\n";
});
// Only the watchdog is ours: delete it once the failure was reported; then nothing should be pending.
$check = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use (&$failedAt, $dog, &$check) {
    if ($failedAt !== null) { $dog->del(); $check->del(); }
});
$check->add(0.05);
$base->loop();
$t = microtime(true) - $failedAt;
echo "loop() returned ", $t < 2.0 ? "right after the failure" : sprintf("%.1f s after the failure", $t), "\n";
unlink($conf);
');
echo as_run_in_netns($inner);
unlink($inner);
?>
--EXPECT--
AsyncStreamDnsException code -3
loop() returned right after the failure
