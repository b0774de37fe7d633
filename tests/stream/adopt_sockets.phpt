--TEST--
AsyncStream: new AsyncStream() adopts stream_socket_client, stream_socket_pair and Socket values by dup()
--EXTENSIONS--
sockets
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
$base = new EventBase();
$dog = as_watchdog($base);
$results = [];
$echo = function (AsyncStream $s) use (&$keep) { $keep[] = $s; $s->onData(fn($s, $d) => $s->write("echo:$d")); };
$keep = [];
$acc = as_accept_one($base, $srv, $echo, 2);

$try = function (string $what, $sock, ?AsyncStream $peer = null) use ($base, &$results, &$keep) {
    $s = new AsyncStream($base, $sock);
    // The descriptor was duplicated: closing the original leaves the stream working.
    if ($sock instanceof Socket) socket_close($sock); else fclose($sock);
    $keep[] = $s;
    $s->onData(function ($s, $d) use ($what, &$results) { $results[] = "$what: $d"; $s->close(); });
    $s->write($what);
};
$try("stream_socket_client", stream_socket_client("tcp://$addr"));
$sock = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
[$h, $p] = explode(':', $addr);
socket_connect($sock, $h, (int)$p);
$try("Socket", $sock);
[$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$peer = new AsyncStream($base, $y);
fclose($y);
$echo($peer);
$try("stream_socket_pair", $x);
$poll = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use (&$results, &$keep, $dog, &$poll) {
    if (count($results) === 3) { foreach ($keep as $k) $k->close(); $dog->del(); $poll->del(); }
});
$poll->add(0.01);
$base->loop();
sort($results);
echo implode("\n", $results), "\n";

// Bad values.
foreach ([fopen(__FILE__, 'r'), -1, "x", socket_create(AF_INET, SOCK_DGRAM, SOL_UDP), socket_create(AF_INET, SOCK_STREAM, SOL_TCP)] as $bad) {
    try { new AsyncStream($base, $bad); echo "accepted\n"; } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}
?>
--EXPECTF--
Socket: echo:Socket
stream_socket_client: echo:stream_socket_client
stream_socket_pair: echo:stream_socket_pair
ValueError: AsyncStream::__construct(): Argument #2 ($socket) must be a connected stream socket, a pipe or a terminal; this file cannot be polled (Operation not permitted)
ValueError: AsyncStream::__construct(): Argument #2 ($socket) must be a valid file descriptor (0 or more), -1 given
TypeError: AsyncStream::__construct(): Argument #2 ($socket) must be of type resource|Socket|int, string given
ValueError: AsyncStream::__construct(): Argument #2 ($socket) must be a stream socket (SOCK_STREAM), not a datagram or raw socket
ValueError: AsyncStream::__construct(): Argument #2 ($socket) must be a connected socket (Transport endpoint is not connected)
