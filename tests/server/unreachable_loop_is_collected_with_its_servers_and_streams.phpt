--TEST--
AsyncStreamServer: a function that makes its own EventBase, a server and streams and returns without close() leaks nothing: the GC collects base, servers and streams together (onClose(null) for each stream), the port and the unix socket are released, and fds and memory stay flat
--SKIPIF--
<?php if (!is_dir('/proc/self/fd')) die('skip needs /proc/self/fd'); ?>
--FILE--
<?php
$closed = [];
$dir = sys_get_temp_dir() . '/as_unreach_' . getmypid();
@mkdir($dir);
$k = 0;
function fds(): int { return count(scandir('/proc/self/fd')) - 2; }
function tally(array &$closed, string $who, ?Throwable $e): void
{
    $key = $who . ':' . ($e === null ? 'null' : $e->getMessage());
    $closed[$key] = ($closed[$key] ?? 0) + 1;
}

/* One round of what a user writes: a server, a client connected to it, and no close(). */
function round_trip(string $dir, int &$k, array &$closed): array
{
    $base = new EventBase();
    $srv = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c) use (&$closed) {
        $c->onData(fn (AsyncStream $c, string $d) => $c->write($d))
          ->onClose(function ($c, $e) use (&$closed) { tally($closed, 'accepted', $e); });
    });
    // A cycle through the server's own closure, as a real application has.
    $srv->onError(function () use ($srv) {});
    $unix = new AsyncStreamServer($base, "unix://$dir/s" . $k++ . ".sock", fn () => null);
    $got = '';
    $c = AsyncStream::connect($base, $srv->getAddress());
    $c->onConnect(fn ($c) => $c->write("ping"))
      ->onData(function ($c, $d) use (&$got, $base) { $got .= $d; $base->stop(); })
      ->onClose(function ($c, $e) use (&$closed) { tally($closed, 'client', $e); });
    $t = Event::timer($base, fn () => $base->stop());
    $t->add(10);
    $base->loop();
    return [$srv->getAddress(), $unix->getAddress(), $got];
}

// Warm up: the object store and the GC buffer grow once.
for ($i = 0; $i < 20; $i++) round_trip($dir, $k, $closed);
gc_collect_cycles();
$closed = [];

$n = getenv('USE_ZEND_ALLOC') === '0' ? 100 : 1000;
$fd0 = fds();
for ($i = 0; $i < $n; $i++) {
    [$tcp, $unixAddr, $got] = round_trip($dir, $k, $closed);
    if ($got !== 'ping') { echo "round $i got ", var_export($got, true), "\n"; break; }
}
gc_collect_cycles();
echo "fds after $n rounds: +", fds() - $fd0, "\n";
ksort($closed);
var_dump($closed === ['accepted:null' => $n, 'client:null' => $n]); // onClose(null) once per stream

// The last round's port is free again (binding it again succeeds) and its socket file is gone.
$base = new EventBase();
(new AsyncStreamServer($base, $tcp, fn () => null))->close(); // throws EADDRINUSE while still listening
echo "rebound the port\n";
var_dump(file_exists(substr($unixAddr, 7)));
unset($base);

// Memory: a second batch of rounds leaves nothing behind.
$m0 = memory_get_usage();
for ($i = 0; $i < $n; $i++) round_trip($dir, $k, $closed);
gc_collect_cycles();
$grow = (memory_get_usage() - $m0) / $n;
echo $grow < 8 ? "memory flat\n" : "memory grew by $grow bytes per round\n";
echo "fds after both batches: +", fds() - $fd0, "\n";
var_dump(count(scandir($dir)) - 2); // every socket file was removed
@rmdir($dir);
?>
--EXPECTF--
fds after %d rounds: +0
bool(true)
rebound the port
bool(false)
memory flat
fds after both batches: +0
int(0)
