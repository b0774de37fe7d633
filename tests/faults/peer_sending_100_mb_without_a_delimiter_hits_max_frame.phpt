--TEST--
Faults: a peer sending 100 MB without a delimiter is closed with EMSGSIZE once max_frame is passed, and memory stays bounded
--EXTENSIONS--
sockets
--FILE--
<?php
$valgrind = getenv('USE_ZEND_ALLOC') === '0';
$total = $valgrind ? 10 << 20 : 100 << 20;
$maxFrame = 1 << 20;
$rss = function (string $key) {
    foreach (file('/proc/self/status') as $line) {
        if (str_starts_with($line, "$key:")) {
            return (int)trim(substr($line, strlen($key) + 1)) * 1024; // "  1234 kB"
        }
    }
    return 0;
};
$base = new EventBase();
$conns = [];
$serverClose = null;
$srv = new AsyncStreamServer($base, '127.0.0.1:0', function (AsyncStream $s) use (&$conns, &$serverClose, $base) {
    $conns[] = $s;
    $s->setFraming(AsyncStream::FRAME_DELIMITER, "\n");
    $s->onData(function () { echo "a frame?!\n"; });
    $s->onClose(function ($s, $e) use (&$serverClose) { $serverClose = $e; });
}, ['max_frame' => $maxFrame]);

gc_collect_cycles();
$mem0 = memory_get_usage();
$hwm0 = $rss('VmHWM');
$sent = 0;
$chunk = str_repeat('A', 1 << 20);
$c = AsyncStream::connect($base, $srv->getAddress());
$pump = function (AsyncStream $c) use (&$sent, $total, $chunk) {
    while ($sent < $total && !$c->isClosed()) {
        $sent += strlen($chunk);
        if (!$c->write($chunk)) {
            return; // wait for onDrain: the sender's memory is bounded too
        }
    }
    if ($sent >= $total) {
        $c->end();
    }
};
$c->onConnect($pump)->onDrain($pump);
$c->onClose(function ($c, $e) use ($base) { $base->exit(0.05); });
$guard = Event::timer($base, fn() => $base->stop());
$guard->add(60);
$base->loop();

var_dump($serverClose instanceof AsyncStreamException && $serverClose->getCode() === SOCKET_EMSGSIZE);
var_dump($c->isClosed());
// The server stopped reading at max_frame: the peer could not push the whole 100 MB in.
var_dump($sent < $total || $serverClose !== null);
var_dump(memory_get_peak_usage() - $mem0 < 8 * $maxFrame);
if (!$valgrind) {
    var_dump($rss('VmHWM') - $hwm0 < 32 << 20); // peak RSS (evbuffers are malloc'd) well under 100 MB
} else {
    var_dump(true);
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
