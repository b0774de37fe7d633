--TEST--
AsyncStreamServer: a burst of 1000 concurrent connects is fully queued (default backlog is the system maximum) and served
--SKIPIF--
<?php
$l = posix_getrlimit();
$need = 2 * 1000 + 64;
if ((int)$l['soft openfiles'] < $need && (int)$l['hard openfiles'] < $need) die("skip needs $need descriptors");
?>
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';
// Under valgrind: fewer connections, still far more than the old default backlog of 128.
$n = as_under_valgrind() ? 400 : 1000;
$l = posix_getrlimit();
if ((int)$l['soft openfiles'] < 2 * $n + 64) {
    posix_setrlimit(POSIX_RLIMIT_NOFILE, (int)$l['hard openfiles'], (int)$l['hard openfiles']);
}

$base = new EventBase();
$served = 0;
$accepted = 0;
$conns = [];
$server = new AsyncStreamServer($base, "tcp://127.0.0.1:0", function (AsyncStream $conn) use (&$conns, &$accepted) {
    $accepted++;
    $conns[spl_object_id($conn)] = $conn;
    $conn->onData(function (AsyncStream $c, string $data) { $c->end("pong" . substr($data, 4)); });
    $conn->onClose(function (AsyncStream $c) use (&$conns) { unset($conns[spl_object_id($c)]); });
});
// Nobody accepts while the clients connect: every connection must fit in the backlog.
$server->pause();

$connected = 0;
$clients = [];
$guard = Event::timer($base, function () use (&$connected, &$served, $n, $base) {
    echo "TIMEOUT: $connected of $n connected while paused, $served served\n";
    $base->stop();
});
$guard->add(60);

for ($i = 0; $i < $n; $i++) {
    $c = AsyncStream::connect($base, $server->getAddress());
    $c->onConnect(function (AsyncStream $c) use ($i, &$connected, $n, $server) {
        $c->write("ping$i");
        if (++$connected === $n) {
            echo "all $n connected with the server paused\n";
            $server->resume();
        }
    });
    $c->onData(function (AsyncStream $c, string $data) use ($i, &$served, $n, $server, $guard) {
        if ($data !== "pong$i") {
            echo "client $i got ", var_export($data, true), "\n";
        }
        if (++$served === $n) {
            $server->close();
            $guard->del();
        }
    });
    $c->onClose(function (AsyncStream $c, ?AsyncStreamException $e) use ($i, &$clients) {
        if ($e) {
            echo "client $i: ", $e->getMessage(), "\n";
        }
        unset($clients[$i]);
    });
    $clients[$i] = $c;
}
$base->loop();
var_dump($accepted === $n, $served === $n, count($clients), count($conns));
?>
--EXPECTF--
all %d connected with the server paused
bool(true)
bool(true)
int(0)
int(0)
