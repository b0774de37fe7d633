--TEST--
io_uring: an idle stream that has echoed costs no more than in readiness mode plus the ring's per-stream state (one 224 B bin of PHP heap); no activate event and at most one write buffer stay allocated (libc bytes at most readiness mode's)
--EXTENSIONS--
ffi
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
if (getenv('USE_ZEND_ALLOC') === '0') die("skip needs the Zend allocator (memory_get_usage) and glibc's malloc (mallinfo2)");
?>
--INI--
ffi.enable=1
--FILE--
<?php
$ffi = FFI::cdef("struct as_mi { size_t arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost; };
                  struct as_mi mallinfo2(void);");
$libc = fn () => $ffi->mallinfo2()->uordblks; // bytes malloc() has handed out and not got back

// $n pairs of streams over socketpairs; each client sends a byte, the server echoes it,
// then all sit idle. Returns [PHP heap, libc heap] bytes per stream.
function measure(string $mode, int $n, Closure $libc): array
{
    ini_set('asyncstream.io_uring', $mode);
    $base = new EventBase();
    $got = 0;
    $echo = function ($s, $d) { $s->write($d); };
    $count = function ($s, $d) use (&$got, &$want, $base) { if (++$got === $want) $base->stop(); };
    $guard = Event::timer($base, function () use ($base) { echo "timed out\n"; $base->stop(); });
    $streams = [];
    $round = function (int $k) use ($base, $echo, $count, &$streams, &$got, &$want, $guard) {
        $got = 0;
        $want = $k;
        for ($i = 0; $i < $k; $i++) {
            [$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
            $srv = (new AsyncStream($base, $a))->onData($echo);
            $cli = (new AsyncStream($base, $b))->onData($count);
            fclose($a);
            fclose($b);
            $cli->write("x");
            $streams[] = $srv;
            $streams[] = $cli;
        }
        $guard->add(120);
        $base->loop();
        $guard->del();
    };
    $round(8); // the ring, its buffers, the timer: once per base, not per stream
    $streams = array_pad($streams, 2 * $n + 16, null); // the array's own growth is not per stream
    $streams = array_slice($streams, 0, 16);
    gc_collect_cycles();
    $m0 = memory_get_usage();
    $l0 = $libc();
    $round($n);
    gc_collect_cycles();
    $r = [(memory_get_usage() - $m0) / (2 * $n), ($libc() - $l0) / (2 * $n), $got === $n, $streams[20]->getIoMethod()];
    foreach ($streams as $s) $s?->close();
    return $r;
}

$n = 1000;
[$heapR, $libcR, $okR, $mR] = measure('off', $n, $libc);
[$heapU, $libcU, $okU, $mU] = measure('on', $n, $libc);
var_dump($mR, $mU, $okR, $okU);
// The io_uring transport's state (as_ustream) is one allocation in Zend MM's 224 B bin.
var_dump($heapU - $heapR <= 224 + 8);
// Before: the activate event (144 B) and two evbuffers (152 B each) per stream.
var_dump($libcU <= $libcR + 16);
if ($heapU - $heapR > 232 || $libcU > $libcR + 16) {
    printf("readiness: %.0f + %.0f B, io_uring: %.0f + %.0f B per stream\n", $heapR, $libcR, $heapU, $libcU);
}
?>
--EXPECT--
string(9) "readiness"
string(8) "io_uring"
bool(true)
bool(true)
bool(true)
bool(true)
