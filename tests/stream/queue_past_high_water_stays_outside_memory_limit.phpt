--TEST--
AsyncStream: what a script queues past high_water (ignoring backpressure) is copied out of PHP's memory: 48 MiB queued to a peer that does not read, with memory_limit=32M, neither exhausts memory_limit nor loses a byte
--INI--
memory_limit=32M
--FILE--
<?php
$base = new EventBase();
[$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$w = new AsyncStream($base, $x);
$r = new AsyncStream($base, $y);
fclose($x);
fclose($y);
$r->pause();
$falses = 0;
for ($i = 0; $i < 48; $i++) {
    $chunk = str_repeat(chr(65 + $i % 26), 1024 * 1024); // a new 1 MiB string each time, dropped after
    if (!$w->write($chunk)) $falses++;
}
unset($chunk);
// (readiness mode: what the socket buffer took is not queued)
printf("queued >= 44 MiB: %s, write() said false %d times, PHP memory %s\n",
    $w->getWriteBufferSize() >= 44 * 1024 * 1024 ? "yes" : $w->getWriteBufferSize(), $falses,
    memory_get_usage() < 8 * 1024 * 1024 ? "small" : memory_get_usage());
$got = 0;
$ok = true;
$pos = 0;
$r->onData(function ($s, $d) use (&$got, &$ok, &$pos) {
    for ($k = 0, $n = strlen($d); $k < $n; ) {
        $i = intdiv($pos, 1024 * 1024);
        $take = min($n - $k, ($i + 1) * 1024 * 1024 - $pos);
        if (substr($d, $k, $take) !== str_repeat(chr(65 + $i % 26), $take)) $ok = false;
        $k += $take;
        $pos += $take;
    }
    $got += strlen($d);
});
$w->end();
$r->onEnd(function ($s) use ($base) { $base->stop(); });
$r->resume();
$guard = Event::timer($base, function () use ($base) { echo "timed out\n"; $base->stop(); });
$guard->add(120);
$base->loop();
var_dump($got === 48 * 1024 * 1024, $ok);
?>
--EXPECT--
queued >= 44 MiB: yes, write() said false 48 times, PHP memory small
bool(true)
bool(true)
