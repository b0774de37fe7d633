--TEST--
Faults: a server closing and restarting on the same port while clients connect: every client is served or closed once with an error, the new server serves the rest
--FILE--
<?php
$n = getenv('USE_ZEND_ALLOC') === '0' ? 30 : 200;
$base = new EventBase();
$served = 0;
$conns = [];
$restart = null;
$serve = function (AsyncStream $s) use (&$conns, &$served, &$restart, $n) {
    $conns[spl_object_id($s)] = $s;
    $s->onData(function (AsyncStream $s, $d) use (&$served, &$restart, $n) {
        $s->end("pong");
        if (++$served === $n) {
            $restart->add(0); // the first wave is served: start the second one and restart in its middle
        }
    });
    $s->onClose(function ($s) use (&$conns) { unset($conns[spl_object_id($s)]); });
};
$srv = new AsyncStreamServer($base, '127.0.0.1:0', $serve);
$addr = $srv->getAddress();

$results = [];
$clients = [];
$start = function (int $i) use ($base, $addr, &$results, &$clients) {
    $c = AsyncStream::connect($base, $addr);
    $c->onConnect(fn($c) => $c->write("ping"));
    $c->onData(function ($c, $d) use (&$results, $i) { $results[$i]['data'] = ($results[$i]['data'] ?? '') . $d; });
    $c->onClose(function ($c, $e) use (&$results, $i) { $results[$i]['close'][] = $e ? $e->getCode() : 0; });
    $clients[$i] = $c;
};
// First wave, then the restart in the middle of the second wave.
for ($i = 0; $i < $n; $i++) {
    $start($i);
}
$restart = Event::timer($base, function () use (&$srv, $base, $addr, $serve, $start, $n) {
    for ($i = $n; $i < 2 * $n; $i++) {
        $start($i);
        if ($i === $n + intdiv($n, 2)) {
            $srv->close();
            $srv = new AsyncStreamServer($base, $addr, $serve);
        }
    }
});
$check = Event::timer($base, function () use (&$results, $n, $base, &$check) {
    $done = count(array_filter($results, fn($r) => isset($r['close'])));
    if ($done === 2 * $n) { $base->exit(0.05); } else { $check->add(0.01); }
});
$check->add(0.01);
$guard = Event::timer($base, fn() => $base->stop());
$guard->add(60);
$base->loop();

$ok = $failed = $bad = 0;
foreach ($results as $r) {
    if (count($r['close'] ?? []) !== 1) { $bad++; continue; }
    if (($r['data'] ?? '') === 'pong' && $r['close'] === [0]) { $ok++; }
    elseif ($r['close'][0] !== 0 && ($r['data'] ?? '') === '') { $failed++; }
    else { $bad++; }
}
var_dump(count($results) === 2 * $n, $bad, $ok + $failed === 2 * $n, $ok >= $n);
// after the restart the new server serves new clients
$results = [];
$start(0);
$check2 = Event::timer($base, function () use (&$results, $base, &$check2) {
    if (isset($results[0]['close'])) { $base->stop(); } else { $check2->add(0.01); }
});
$check2->add(0.01);
$base->loop();
var_dump($results[0]['data'] ?? null, $results[0]['close']);
?>
--EXPECT--
bool(true)
int(0)
bool(true)
bool(true)
string(4) "pong"
array(1) {
  [0]=>
  int(0)
}
