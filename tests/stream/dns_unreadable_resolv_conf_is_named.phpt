--TEST--
AsyncStream: an asyncstream.resolv_conf that cannot be read makes lookups fail at once with a message naming the file; /etc/hosts names still resolve
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
$port = substr($addr, strrpos($addr, ':') + 1);
$missing = sys_get_temp_dir() . "/asyncstream-no-such-resolv-" . getmypid() . ".conf";
ini_set('asyncstream.resolv_conf', $missing);
$base = new EventBase();
$dog = as_watchdog($base, 3.0);  // a fallback nameserver would make this wait for its timeout
$t0 = microtime(true);
$left = 3;
$done = function () use (&$left, $dog) { if (--$left === 0) $dog->del(); };
foreach (["ok.test:$port", "other.test:$port"] as $a) {
    AsyncStream::connect($base, $a)->onClose(function ($s, $e) use ($done, $missing, $t0) {
        $done();
        echo get_class($e), ": ", str_replace($missing, "MISSING", $e->getMessage()), "\n";
        echo "at once: ", var_export(microtime(true) - $t0 < 2.0, true), "\n";
    });
}
$acc = as_accept_one($base, $srv, fn($s) => $s->close());
AsyncStream::connect($base, "localhost:$port")
    ->onConnect(fn($s) => print("localhost connected\n"))
    ->onClose(function ($s, $e) use ($done) { $done(); });
$base->loop();
?>
--EXPECTF--
localhost connected
AsyncStreamDnsException: connect to tcp://ok.test:%d failed: cannot resolve "ok.test": cannot read the resolver configuration "MISSING" (ini asyncstream.resolv_conf): No such file or directory
at once: true
AsyncStreamDnsException: connect to tcp://other.test:%d failed: cannot resolve "other.test": cannot read the resolver configuration "MISSING" (ini asyncstream.resolv_conf): No such file or directory
at once: true
