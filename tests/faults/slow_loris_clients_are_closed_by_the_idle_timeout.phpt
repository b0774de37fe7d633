--TEST--
Faults: slow-loris clients (connect, send one byte, go quiet) are closed by the idle timeout with ETIMEDOUT, and server memory stays bounded wave after wave
--EXTENSIONS--
sockets
--FILE--
<?php
$n = getenv('USE_ZEND_ALLOC') === '0' ? 20 : 200;
$base = new EventBase();
$conns = [];
$timeouts = 0;
$srv = new AsyncStreamServer($base, '127.0.0.1:0', function (AsyncStream $s) use (&$conns, &$timeouts) {
    $conns[spl_object_id($s)] = $s;
    $s->setFraming(AsyncStream::FRAME_DELIMITER, "\r\n\r\n")->setTimeout(0.2);
    $s->onData(fn($s, $d) => $s->end("HTTP/1.0 200 OK\r\n\r\n"));
    $s->onClose(function ($s, $e) use (&$conns, &$timeouts) {
        unset($conns[spl_object_id($s)]);
        if ($e && $e->getCode() === SOCKET_ETIMEDOUT) {
            $timeouts++;
        }
    });
});
$wave = function () use ($base, $srv, $n) {
    $clients = [];
    $closed = 0;
    for ($i = 0; $i < $n; $i++) {
        $c = AsyncStream::connect($base, $srv->getAddress());
        $c->onConnect(fn($c) => $c->write("G"));            // a request that never completes
        $c->onClose(function () use (&$closed, $n, $base) {
            if (++$closed === $n) { $base->stop(); }
        });
        $clients[] = $c;
    }
    $guard = Event::timer($base, fn() => $base->stop());
    $guard->add(60);
    $base->loop();
    return $closed;
};
$closed1 = $wave();
gc_collect_cycles();
$mem1 = memory_get_usage();
$closed2 = $wave();
$closed3 = $wave();
gc_collect_cycles();
$mem3 = memory_get_usage();
var_dump($closed1 === $n, $closed2 === $n, $closed3 === $n);
var_dump($timeouts === 3 * $n, count($conns));
var_dump(($mem3 - $mem1) < 16 * 1024); // nothing kept per closed connection
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
bool(true)
