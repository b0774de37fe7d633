--TEST--
AsyncStream: connect(), its bind option and the server refuse non-canonical IPv4 literals; names starting with digits stay names
--DESCRIPTION--
"0177.0.0.1" is 127.0.0.1 to inet_aton() (PHP's gethostbyname()) and 177.0.0.1 to a
decimal parser; "127.1" and "0x7f.1" are other inet_aton() forms. None of them may reach
a socket or DNS. Runs in a network namespace with only loopback, so nothing can leave.
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$inner = tempnam(sys_get_temp_dir(), 'asnetns') . '.php';
file_put_contents($inner, '<?php
require ' . var_export(__DIR__ . '/fixtures/helpers.php', true) . ';
$dns = as_dns_responder();
$base = new EventBase();
$bad = ["0177.0.0.1:80", "010.0.0.1:80", "127.1:80", "0x7f.1:80", "0x7f000001:80", "2130706433:80",
    "127.0.0.01:80", "1.2.3.4.5:80", "256.0.0.1:80", "tcp://127.000.0.1:80", "example.0x1f:80", "host.123:80"];
foreach ($bad as $a) {
    try {
        $s = AsyncStream::connect($base, $a, ["timeout" => 1]);
        echo "ACCEPTED $a\n";
        $s->close();
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
try {
    AsyncStream::connect($base, "127.0.0.1:1", ["bind" => "0177.0.0.1:0"])->close();
    echo "ACCEPTED bind\n";
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
try {
    new AsyncStreamServer($base, "0177.0.0.1:0", fn() => null);
    echo "ACCEPTED server\n";
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
// Names that merely start with digits are names: they go to the (local) resolver.
$left = 2;
foreach (["1password.test:80", "123.example:80"] as $a) {
    AsyncStream::connect($base, $a)->onClose(function ($s, $e) use (&$left) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    });
}
$base->loop();
as_dns_responder_stop($dns);
');
echo as_run_in_netns($inner);
unlink($inner);
?>
--EXPECT--
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "0177.0.0.1:80" given
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "010.0.0.1:80" given
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "127.1:80" given
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "0x7f.1:80" given
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "0x7f000001:80" given
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "2130706433:80" given
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "127.0.0.01:80" given
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "1.2.3.4.5:80" given
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "256.0.0.1:80" given
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "tcp://127.000.0.1:80" given
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "example.0x1f:80" given
AsyncStream::connect(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "host.123:80" given
AsyncStream::connect(): Argument #3 ($options) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "0177.0.0.1:0" given
AsyncStreamServer::__construct(): Argument #2 ($address) has an invalid IPv4 address (only the dotted-decimal form without leading zeros, e.g. 127.0.0.1, is accepted), "0177.0.0.1:0" given
AsyncStreamDnsException: connect to tcp://1password.test:80 failed: cannot resolve "1password.test": nodename nor servname provided, or not known
AsyncStreamDnsException: connect to tcp://123.example:80 failed: cannot resolve "123.example": nodename nor servname provided, or not known
