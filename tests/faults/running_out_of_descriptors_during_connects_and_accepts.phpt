--TEST--
Faults: out of descriptors (RLIMIT_NOFILE) during connects and accepts: failed connects close once with EMFILE, the server reports once and serves every queued client when descriptors are back
--EXTENSIONS--
posix
sockets
--SKIPIF--
<?php if (!function_exists('posix_setrlimit')) die('skip posix_setrlimit() needed'); ?>
--FILE--
<?php
// Under valgrind the limit is only emulated and valgrind itself drops connections accepted
// past it, so there the limit covers the connects only (tests/server/fd_exhaustion.phpt
// covers accepts under valgrind with prlimit(1)).
$valgrind = getenv('USE_ZEND_ALLOC') === '0';
$n = 40;
$base = new EventBase();
$conns = [];
$reports = [];
$srv = new AsyncStreamServer($base, '127.0.0.1:0', function (AsyncStream $s) use (&$conns) {
    $conns[spl_object_id($s)] = $s;
    $s->onData(fn($s) => $s->end('pong'));
    $s->onClose(function ($s) use (&$conns) { unset($conns[spl_object_id($s)]); });
});
$srv->onError(function ($srv, AsyncStreamException $e) use (&$reports) { $reports[] = $e->getCode(); });

$limits = posix_getrlimit();
$soft = (int)$limits['soft openfiles'];
$hard = (int)$limits['hard openfiles'];
// The limit caps descriptor numbers: leave exactly 20 free numbers below it.
$used = array_flip(array_map('intval', array_diff(scandir('/proc/self/fd'), ['.', '..'])));
for ($limit = 0, $free = 0; $free < 20; $limit++) {
    $free += isset($used[$limit]) ? 0 : 1;
}
var_dump(posix_setrlimit(POSIX_RLIMIT_NOFILE, $limit, $hard));

$results = [];
$clients = [];
for ($i = 0; $i < $n; $i++) {
    $c = AsyncStream::connect($base, $srv->getAddress());
    $c->onConnect(fn($c) => $c->write('ping'));
    $c->onData(function ($c, $d) use (&$results, $i) { $results[$i]['data'] = ($results[$i]['data'] ?? '') . $d; });
    $c->onClose(function ($c, $e) use (&$results, $i, $n, $base) {
        $results[$i]['close'][] = $e ? $e->getCode() : 0;
        if (count(array_filter($results, fn($r) => isset($r['close']))) === $n) {
            $base->exit(0.05);
        }
    });
    $clients[] = $c;
}
$restore = Event::timer($base, fn() => posix_setrlimit(POSIX_RLIMIT_NOFILE, $soft, $hard));
if ($valgrind) {
    posix_setrlimit(POSIX_RLIMIT_NOFILE, $soft, $hard);
} else {
    $restore->add(0.3); // the server is out of descriptors until then
}
$guard = Event::timer($base, fn() => $base->stop());
$guard->add(60);
$base->loop();

$emfile = $served = $other = 0;
foreach ($results as $r) {
    if (($r['close'] ?? []) === [SOCKET_EMFILE]) { $emfile++; }
    elseif (($r['close'] ?? []) === [0] && ($r['data'] ?? '') === 'pong') { $served++; }
    else { $other++; var_dump($r); }
}
var_dump(count($results) === $n, $other, $emfile > 0, $served > 0, $emfile + $served === $n);
var_dump($valgrind ? true : $reports === [SOCKET_EMFILE]);
var_dump($srv->isListening());
?>
--EXPECT--
bool(true)
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
