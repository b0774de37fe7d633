--TEST--
AsyncStream: an idle connected stream costs less than 1 KiB of PHP heap, also after a GC run
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die("skip needs the Zend allocator (memory_get_usage)");
?>
--FILE--
<?php
$base = new EventBase();
$n = 2000;
$streams = array_fill(0, 2 * $n, null);
$onData = function ($s, $d) {};
$onClose = function ($s, $e) {};
gc_collect_cycles();
$m0 = memory_get_usage();
for ($i = 0; $i < $n; $i++) {
    [$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
    $streams[2 * $i] = (new AsyncStream($base, $a))->onData($onData)->onClose($onClose);
    $streams[2 * $i + 1] = (new AsyncStream($base, $b))->onData($onData)->onClose($onClose);
    fclose($a);
    fclose($b);
}
$base->loop(EventBase::LOOP_NONBLOCK);
gc_collect_cycles(); // visits every stream: must not give each a property table
$per = (memory_get_usage() - $m0) / (2 * $n);
var_dump($per < 1024);
if ($per >= 1024) echo "$per bytes per stream\n";
foreach ($streams as $s) $s->close();
?>
--EXPECT--
bool(true)
