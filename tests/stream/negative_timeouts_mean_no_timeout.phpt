--TEST--
AsyncStream: a negative connect timeout or setTimeout() means no timeout (PHP's default_socket_timeout = -1 convention); NAN is a ValueError
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

// connect(): 'timeout' => -1 while the answer for slow.test is held for 0.2 s.
$s = AsyncStream::connect($base, "slow.test:$port", ['timeout' => -1])
    ->onConnect(function ($s) { echo "connected with timeout -1\n"; $s->close(); })
    ->onClose(fn($s, $e) => print("connect stream closed: " . as_err($e) . "\n"));
$go = Event::timer($base, function () use ($dns) {
    $udp = stream_socket_client("udp://127.0.0.1:{$dns[2]}");
    fwrite($udp, "go");
    fclose($udp);
});
$go->add(0.2);

// The ini's -1 (PHP's own default for "no timeout") is the same.
ini_set('default_socket_timeout', '-1');
$s2 = AsyncStream::connect($base, "127.0.0.1:$port")
    ->onConnect(fn($s) => print("connected with default_socket_timeout=-1\n"))
    ->onClose(fn($s, $e) => print("ini stream closed: " . as_err($e) . "\n"));

// setTimeout(-1): no idle timeout; the pair stays quiet for 0.3 s, then closes cleanly.
[$a, $b] = as_pair($base);
$a->setTimeout(-1)->onClose(fn($s, $e) => print("idle stream closed: " . as_err($e) . "\n"));
$a->setTimeout(-0.5);
$quiet = Event::timer($base, function () use ($a, $s2, $dog) {
    echo "0.3 s without a byte\n";
    $a->close();
    $s2->close();
    $dog->del();
});
$quiet->add(0.3);
$base->loop();
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
connected with default_socket_timeout=-1
connected with timeout -1
connect stream closed: null
0.3 s without a byte
idle stream closed: null
ini stream closed: null
AsyncStream::setTimeout(): Argument #1 ($seconds) must be a number of seconds, NAN given
AsyncStream::connect(): Argument #3 ($options) option "timeout" must be a number of seconds, NAN given
