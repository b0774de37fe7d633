--TEST--
AsyncStream: connect() rejects malformed addresses, unknown options and bad option values
--FILE--
<?php
$base = new EventBase();
$try = function (string $addr, array $opts = []) use ($base) {
    try {
        AsyncStream::connect($base, $addr, $opts);
        echo "no exception for $addr\n";
    } catch (Throwable $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
};
$try("127.0.0.1:80", ['tiemout' => 1]);
$try("127.0.0.1:80", [0 => 1]);
$try("127.0.0.1:80", ['timeout' => "soon"]);
$try("127.0.0.1:80", ['nodelay' => 1]);
$try("127.0.0.1:80", ['high_water' => 0]);
$try("127.0.0.1:80", ['low_water' => 100, 'high_water' => 10]);
$try("127.0.0.1:80", ['bind' => 'example.com:0']);
$try("127.0.0.1:80", ['bind' => '[::1]:0']);
$try("127.0.0.1");
$try("127.0.0.1:0");
$try("127.0.0.1:65536");
$try("::1:80");
$try("[::1:80");
$try("udp://127.0.0.1:53");
$try("unix://relative/path");
$try("bad host:80");
$try("");
$base->free();
$try("127.0.0.1:80");
?>
--EXPECT--
ValueError: AsyncStream::connect(): Argument #3 ($options) contains an unknown option "tiemout"
ValueError: AsyncStream::connect(): Argument #3 ($options) must be an array of option name => value, key 0 given
TypeError: AsyncStream::connect(): Argument #3 ($options) option "timeout" must be of type float, string given
TypeError: AsyncStream::connect(): Argument #3 ($options) option "nodelay" must be of type bool, int given
ValueError: AsyncStream::connect(): Argument #3 ($options) option "high_water" must be 1 or more, 0 given
ValueError: AsyncStream::connect(): Argument #3 ($options) option "low_water" (100) must not exceed "high_water" (10)
ValueError: AsyncStream::connect(): Argument #3 ($options) option "bind" must be a literal IP address or unix path, "example.com:0" given
ValueError: AsyncStream::connect(): Argument #3 ($options) option "bind" ("[::1]:0") must be of the same address family as the address "127.0.0.1:80"
ValueError: AsyncStream::connect(): Argument #2 ($address) must include a port ("HOST:PORT"), "127.0.0.1" given
ValueError: AsyncStream::connect(): Argument #2 ($address) must have a port between 1 and 65535, "127.0.0.1:0" given
ValueError: AsyncStream::connect(): Argument #2 ($address) has an invalid port (0-65535), "127.0.0.1:65536" given
ValueError: AsyncStream::connect(): Argument #2 ($address) must put an IPv6 address in brackets ("[::1]:PORT"), "::1:80" given
ValueError: AsyncStream::connect(): Argument #2 ($address) must be "[IPv6]:PORT", "[::1:80" given
ValueError: AsyncStream::connect(): Argument #2 ($address) must be "tcp://HOST:PORT", "HOST:PORT", "[IPv6]:PORT" or "unix:///path", "udp://127.0.0.1:53" given
ValueError: AsyncStream::connect(): Argument #2 ($address) must be "unix:///absolute/path" or "unix://@abstract-name", "unix://relative/path" given
ValueError: AsyncStream::connect(): Argument #2 ($address) has an invalid host name, "bad host:80" given
ValueError: AsyncStream::connect(): Argument #2 ($address) must include a port ("HOST:PORT"), "" given
Error: AsyncStream::connect(): the EventBase given has been freed
