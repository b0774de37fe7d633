--TEST--
AsyncStream: a connect the peer never completes closes with ETIMEDOUT after the timeout, and releases the socket
--EXTENSIONS--
sockets
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
// A listener whose accept queue (backlog 0: one entry) is already full drops further SYNs.
$l = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($l, "127.0.0.1", 0);
socket_listen($l, 0);
socket_getsockname($l, $ip, $port);
$fillers = [];
for ($i = 0; $i < 2; $i++) {
    $f = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    socket_set_nonblock($f);
    @socket_connect($f, "127.0.0.1", $port);
    $fillers[] = $f;
}
// The first filler completes its handshake: the queue is full from here on.
$r = $e = null;
$w = [$fillers[0]];
socket_select($r, $w, $e, 10);

$fds = fn() => count(scandir('/proc/self/fd'));
$base = new EventBase();
$dog = as_watchdog($base);
$before = $fds();
$t0 = microtime(true);
$s = AsyncStream::connect($base, "127.0.0.1:$port", ['timeout' => 0.3])
    ->onConnect(fn() => print("onConnect must not fire\n"))
    ->onClose(function ($s, $e) use ($t0, $dog, $fds, $before) {
        $dog->del();
        $dt = microtime(true) - $t0;
        echo as_err($e), "\n", $e->getMessage(), "\n";
        var_dump($dt >= 0.28 && $dt < 10.0);
        var_dump($s->isClosed());
    });
// With asyncstream.io_uring=on, the base's ring (created by its first stream) holds two of its own.
$ring = $s->getIoMethod() === 'io_uring' ? 2 : 0;
var_dump($fds() === $before + 1 + $ring); // the connecting socket
$base->loop();
unset($s);
var_dump($fds() === $before + $ring);
?>
--EXPECTF--
bool(true)
AsyncStreamException(ETIMEDOUT)
connect to tcp://127.0.0.1:%d failed: Connection timed out (timeout 0.3 s)
bool(true)
bool(true)
bool(true)
