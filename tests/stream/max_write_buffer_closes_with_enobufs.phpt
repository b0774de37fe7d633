--TEST--
AsyncStream: a write that would queue more than max_write_buffer closes the stream with ENOBUFS and says why (connect, adopt and server options)
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
$dog = as_watchdog($base);
$mib = str_repeat("x", 1 << 20);

// Adopted stream, explicit limit; the peer never reads.
[$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $x, ['max_write_buffer' => 4 << 20]);
$s->onClose(function ($s, $e) use ($base) {
    $base->stop();
    echo "adopted: ", as_err($e), " ", preg_replace('/fd \d+ \(unnamed unix socket\)/', 'PEER', $e->getMessage()), "\n";
});
$writes = 0;
while (!$s->isClosed() && $writes < 100) {
    $r = $s->write($mib);                 // false from the first MiB on: ignored, as careless code does
    $writes++;
    if ($s->getWriteBufferSize() === 0 && !$r) {
        break;                            // the limit was hit: the queue is released at once
    }
}
echo "writes before the limit: ", $writes <= 6 ? "at most 6" : $writes, "\n";
var_dump($s->write("more"), $s->getWriteBufferSize());
$base->loop();

// The default is 64 MiB.
[$x2, $y2] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$d = new AsyncStream($base, $x2);
$n = 0;
while ($n < 80 && ($d->getWriteBufferSize() > 0 || $n === 0)) {
    $d->write($mib);
    $n++;
}
echo "default limit reached after ", $n >= 64 && $n <= 66 ? "64 MiB" : "$n MiB", "\n";
$d->onClose(function ($s, $e) use ($base) { $base->stop(); echo "default: ", as_err($e), "\n"; });
$base->loop();

// Server per-connection option, and connect() option.
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c, AsyncStreamServer $srv) use ($mib, $base) {
    $c->onClose(function ($c, $e) use ($base) {
        echo "accepted: ", as_err($e), " ", preg_replace('/127\.0\.0\.1:\d+/', 'ADDR', $e->getMessage()), "\n";
        $base->stop();
    });
    for ($i = 0; $i < 64; $i++) {
        if (!$c->write($mib) && $c->getWriteBufferSize() === 0) {
            break;                        // the limit was hit
        }
    }
    $srv->close();
}, ['max_write_buffer' => 2 << 20]);
$client = AsyncStream::connect($base, $server->getAddress(), ['max_write_buffer' => 0, 'high_water' => 1, 'low_water' => 0]);
$client->onConnect(fn($c) => $c->pause());  // reads nothing
$client->onClose(function ($c, $e) use ($dog) { $dog->del(); echo "client: ", as_err($e), "\n"; });
$base->loop();      // until the accepted stream closed; then the client is closed by hand
$client->close();

foreach ([['max_write_buffer' => -1], ['max_write_buffer' => 1000], ['max_write_buffer' => "1"]] as $o) {
    try {
        AsyncStream::connect($base, "127.0.0.1:1", $o);
    } catch (ValueError|TypeError $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
writes before the limit: at most 6
bool(false)
int(0)
adopted: AsyncStreamException(ENOBUFS) write buffer of PEER would exceed max_write_buffer (4194304 bytes): No buffer space available (the peer does not read fast enough; wait for onDrain when write() returns false)
default limit reached after 64 MiB
default: AsyncStreamException(ENOBUFS)
accepted: AsyncStreamException(ENOBUFS) write buffer of tcp://ADDR would exceed max_write_buffer (2097152 bytes): No buffer space available (the peer does not read fast enough; wait for onDrain when write() returns false)
client: null
ValueError: AsyncStream::connect(): Argument #3 ($options) option "max_write_buffer" must be 0 or more, -1 given
ValueError: AsyncStream::connect(): Argument #3 ($options) option "max_write_buffer" (1000) must be 0 (unlimited) or at least "high_water" (65536)
TypeError: AsyncStream::connect(): Argument #3 ($options) option "max_write_buffer" must be of type int, string given
