--TEST--
Faults: a storm of refused connects: each stream closes exactly once with ECONNREFUSED, and no descriptor is left behind
--EXTENSIONS--
sockets
--FILE--
<?php
$n = getenv('USE_ZEND_ALLOC') === '0' ? 200 : 1000;
// A port nobody listens on: bind one, read it, close it.
$tmp = stream_socket_server('tcp://127.0.0.1:0');
$addr = stream_socket_get_name($tmp, false);
fclose($tmp);
// Sockets only: with asyncstream.io_uring=on the base's ring (ring fd, eventfd) is made by
// the first stream and lives as long as the base.
$fds = fn() => count(array_filter(scandir('/proc/self/fd'),
    fn($f) => str_starts_with((string)@readlink("/proc/self/fd/$f"), 'socket:')));
$base = new EventBase();
$before = $fds();
$codes = [];
$streams = [];
for ($i = 0; $i < $n; $i++) {
    $s = AsyncStream::connect($base, "tcp://$addr");
    $s->onConnect(function () { echo "connected?!\n"; });
    $s->onClose(function (AsyncStream $s, $e) use (&$codes, $i, $n, $base) {
        $codes[$i][] = $e ? $e->getCode() : 0;
        if (count($codes) === $n) {
            $base->exit(0.05); // a second onClose for any stream would still show up
        }
    });
    $streams[] = $s;
}
$guard = Event::timer($base, fn() => $base->stop());
$guard->add(60);
$base->loop();

var_dump(count($codes) === $n);
var_dump(count(array_filter($codes, fn($c) => $c === [SOCKET_ECONNREFUSED])) === $n);
var_dump(array_sum(array_map(fn($s) => $s->isClosed() ? 1 : 0, $streams)) === $n);
unset($streams, $s);
var_dump($fds() - $before <= 0);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
