--TEST--
AsyncStream: EventBase::free() closing a stream whose onClose drops the last reference to it (G1: released only after the close finished)
--FILE--
<?php
// Found by scripts/fuzz.php (seed 1) under valgrind: as_stream_close() went on writing to
// the stream after onClose had released it, when EventBase::free() was the caller.
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$pool = ['s' => new AsyncStream($base, $a), 't' => new AsyncStream($base, $b)];
foreach ($pool as $k => $s) {
    $s->onClose(function (AsyncStream $s, $e) use (&$pool, $k) {
        echo "onClose $k: ", $e ? $e->getMessage() : 'null', "\n";
        unset($pool[$k]); // the last reference
    });
}
unset($s);
$base->free();
var_dump($pool);
echo "done\n";
?>
--EXPECT--
onClose t: null
onClose s: null
array(0) {
}
done
