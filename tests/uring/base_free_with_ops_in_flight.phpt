--TEST--
io_uring: EventBase::free() inside a callback with receives armed and sends in flight closes every stream once and releases the ring after its operations ended
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
asyncstream.io_uring=on
--FILE--
<?php
$base = new EventBase();
$peers = [];
$streams = [];
for ($i = 0; $i < 4; $i++) {
    [$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
    $s = new AsyncStream($base, $a);
    fclose($a);
    $s->onClose(function ($s, $e) use ($i) { echo "closed $i: ", $e ? get_class($e) : "null", "\n"; });
    $s->write(str_repeat("y", 3 << 20)); // more than the socket takes: a send stays in flight
    $streams[] = $s;
    $peers[] = $b;
}
$t = Event::timer($base, function () use ($base) {
    echo "free\n";
    $base->free();
});
$t->add(0.05);
$base->loop();
foreach ($streams as $s) {
    var_dump($s->isClosed());
}
try {
    $streams[0]->write("x");
} catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
foreach ($peers as $p) {
    stream_set_blocking($p, true);
    while (($d = fread($p, 1 << 16)) !== '' && $d !== false);
    var_dump(feof($p));
}
echo "done\n";
?>
--EXPECT--
free
closed 3: null
closed 2: null
closed 1: null
closed 0: null
bool(true)
bool(true)
bool(true)
bool(true)
Error: AsyncStream::write(): the stream's EventBase has been freed
bool(true)
bool(true)
bool(true)
bool(true)
done
