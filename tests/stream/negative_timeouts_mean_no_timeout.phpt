--TEST--
AsyncStream: a negative connect timeout or setTimeout() means no timeout (PHP's default_socket_timeout = -1 convention); NAN is a ValueError
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$lines = [];
function out(string $l): void { $GLOBALS['lines'][] = $l; }
$dns = as_dns_responder();
[$srv, $addr] = as_listen();
$port = substr($addr, strrpos($addr, ':') + 1);
$base = new EventBase();
$dog = as_watchdog($base);
$peer = null;
$acc = as_accept_one($base, $srv, function ($s) use (&$peer) { $peer = $s; });

// connect(): 'timeout' => -1 while the answer for slow.test is held for 0.2 s.
$s = AsyncStream::connect($base, "slow.test:$port", ['timeout' => -1])
    ->onConnect(function ($s) { out("connected with timeout -1"); $s->close(); })
    ->onClose(fn($s, $e) => out("connect stream closed: " . as_err($e)));
$go = Event::timer($base, function () use ($dns) {
    $udp = stream_socket_client("udp://127.0.0.1:{$dns[2]}");
    fwrite($udp, "go");
    fclose($udp);
});
$go->add(0.2);

// The ini's -1 (PHP's own default for "no timeout") is the same.
ini_set('default_socket_timeout', '-1');
$s2 = AsyncStream::connect($base, "127.0.0.1:$port")
    ->onConnect(fn($s) => out("connected with default_socket_timeout=-1"))
    ->onClose(fn($s, $e) => out("ini stream closed: " . as_err($e)));

// setTimeout(-1): no idle timeout; the pair stays quiet for 0.3 s, then closes cleanly.
[$a, $b] = as_pair($base);
$a->setTimeout(-1)->onClose(fn($s, $e) => out("idle stream closed: " . as_err($e)));
$a->setTimeout(-0.5);
$quiet = Event::timer($base, function () use ($a, $s2, $dog) {
    out("0.3 s without a byte");
    $a->close();
    $s2->close();
    $dog->del();
});
$quiet->add(0.3);
$base->loop();
sort($lines);
echo implode("\n", $lines), "\n";
try {
    $b->setTimeout(NAN);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
try {
    AsyncStream::connect($base, "127.0.0.1:$port", ['timeout' => NAN]);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
$b->close();
$peer?->close();
as_dns_responder_stop($dns);
?>
--EXPECT--
0.3 s without a byte
connect stream closed: null
connected with default_socket_timeout=-1
connected with timeout -1
idle stream closed: null
ini stream closed: null
AsyncStream::setTimeout(): Argument #1 ($seconds) must be a number of seconds, NAN given
AsyncStream::connect(): Argument #3 ($options) option "timeout" must be a number of seconds, NAN given
