--TEST--
AsyncStreamServer: bad arguments throw ValueError/TypeError, bind failures AsyncStreamException naming the address
--FILE--
<?php
$base = new EventBase();
$cb = fn() => null;
function show(callable $f) {
    try { $f(); echo "no exception\n"; }
    catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), ($e->getCode() ? " [code " . $e->getCode() . "]" : ""), "\n"; }
}
show(fn() => new AsyncStreamServer($base, "example.com:80", $cb));
show(fn() => new AsyncStreamServer($base, "127.0.0.1", $cb));
show(fn() => new AsyncStreamServer($base, "127.0.0.1:99999", $cb));
show(fn() => new AsyncStreamServer($base, "unix://relative", $cb));
show(fn() => new AsyncStreamServer($base, "127.0.0.1:0", "no_such_function"));
show(fn() => new AsyncStreamServer($base, "127.0.0.1:0", $cb, ['nope' => 1]));
show(fn() => new AsyncStreamServer($base, "127.0.0.1:0", $cb, ['backlog' => 0]));
show(fn() => new AsyncStreamServer($base, "127.0.0.1:0", $cb, ['backlog' => "10"]));
show(fn() => new AsyncStreamServer($base, "127.0.0.1:0", $cb, ['reuseport' => 1]));
show(fn() => new AsyncStreamServer($base, "127.0.0.1:0", $cb, ['ipv6_only' => null]));
show(fn() => new AsyncStreamServer($base, "127.0.0.1:0", $cb, ['nodelay' => "yes"]));
show(fn() => new AsyncStreamServer($base, "127.0.0.1:0", $cb, ['timeout' => 1.0]));
show(fn() => new AsyncStreamServer($base, "127.0.0.1:0", $cb, [0 => true]));

$a = new AsyncStreamServer($base, "127.0.0.1:0", $cb);
$port = (int)substr($a->getAddress(), strrpos($a->getAddress(), ':') + 1);
try {
    new AsyncStreamServer($base, "127.0.0.1:$port", $cb);
} catch (AsyncStreamException $e) {
    var_dump($e->getMessage() === "cannot listen on tcp://127.0.0.1:$port: Address already in use");
    var_dump($e->getCode() === (defined('SOCKET_EADDRINUSE') ? SOCKET_EADDRINUSE : 98));
}
show(fn() => $a->__construct($base, "127.0.0.1:0", $cb));

$freed = new EventBase();
$freed->free();
show(fn() => new AsyncStreamServer($freed, "127.0.0.1:0", $cb));
?>
--EXPECT--
ValueError: AsyncStreamServer::__construct(): Argument #2 ($address) must have an IP address as host (a server binds without resolving names; use "0.0.0.0" or "[::]" for every interface), "example.com:80" given
ValueError: AsyncStreamServer::__construct(): Argument #2 ($address) must include a port ("HOST:PORT"), "127.0.0.1" given
ValueError: AsyncStreamServer::__construct(): Argument #2 ($address) has an invalid port (0-65535), "127.0.0.1:99999" given
ValueError: AsyncStreamServer::__construct(): Argument #2 ($address) must be "unix:///absolute/path" or "unix://@abstract-name", "unix://relative" given
TypeError: AsyncStreamServer::__construct(): Argument #3 ($onConnection) must be a valid callback, function "no_such_function" not found or invalid function name
ValueError: AsyncStreamServer::__construct(): Argument #4 ($options) contains an unknown option "nope"
ValueError: AsyncStreamServer::__construct(): Argument #4 ($options) option "backlog" must be between 1 and 2147483647, 0 given
TypeError: AsyncStreamServer::__construct(): Argument #4 ($options) option "backlog" must be of type int, string given
TypeError: AsyncStreamServer::__construct(): Argument #4 ($options) option "reuseport" must be of type bool, int given
TypeError: AsyncStreamServer::__construct(): Argument #4 ($options) option "ipv6_only" must be of type bool, null given
TypeError: AsyncStreamServer::__construct(): Argument #4 ($options) option "nodelay" must be of type bool, string given
ValueError: AsyncStreamServer::__construct(): Argument #4 ($options) contains an unknown option "timeout"
ValueError: AsyncStreamServer::__construct(): Argument #4 ($options) must be an array of option name => value, key 0 given
bool(true)
bool(true)
Error: AsyncStreamServer::__construct() cannot be called twice
Error: AsyncStreamServer::__construct(): the EventBase given has been freed
