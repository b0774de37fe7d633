--TEST--
AsyncStream: a lookup no nameserver answers is reported as a timeout (EAI_AGAIN, "timed out"), a SERVFAIL still as a permanent failure
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$dns = as_dns_responder();
file_put_contents($dns[3], "nameserver 127.0.0.1:{$dns[2]}\noptions timeout:0.3 attempts:1\n");
$base = new EventBase();
$dog = as_watchdog($base);
$left = 2;
foreach (["drop.test:80", "servfail.test:80"] as $a) {
    $t0 = microtime(true);
    AsyncStream::connect($base, $a, ['timeout' => 10])->onClose(function ($s, $e) use (&$left, $dog, $t0) {
        if (--$left === 0) $dog->del();
        $code = match ($e->getCode()) { -3 => "EAI_AGAIN", -4 => "EAI_FAIL", default => $e->getCode() };
        echo get_class($e), " $code: ", $e->getMessage(), "\n";
    });
}
$base->loop();
as_dns_responder_stop($dns);
?>
--EXPECT--
AsyncStreamDnsException EAI_FAIL: connect to tcp://servfail.test:80 failed: cannot resolve "servfail.test": non-recoverable failure in name resolution
AsyncStreamDnsException EAI_AGAIN: connect to tcp://drop.test:80 failed: cannot resolve "drop.test": timed out (no answer from the nameservers; temporary failure in name resolution)
