--TEST--
AsyncStream: an open stream in a closure cycle is not collected (its loop owns it); once closed, cycles through its callbacks are collected (G3)
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$n = getenv('USE_ZEND_ALLOC') === '0' ? 300 : 2000;
$closed = 0;
$make = function (EventBase $base) use (&$closed) {
    [$a, $b] = as_pair($base);
    foreach ([$a, $b] as $s) {
        $s->onData(function ($x, $d) use ($s) { $s->write($d); })
          ->onConnect(function () use ($s) {})
          ->onDrain(function () use ($s) {})
          ->onEnd(function () use ($s) {})
          ->onClose(function ($x, $e) use ($s, &$closed) { $closed++; });
    }
    return WeakReference::create($a);
};
// One round: n pairs whose streams are reachable only through their own closures.
$round = function (bool $report) use ($make, $n, &$closed) {
    $closed = 0;
    $base = new EventBase();
    $refs = [];
    for ($i = 0; $i < $n; $i++) $refs[] = $make($base);
    // 1. Open streams are not garbage: the GC leaves them open, and they still work.
    gc_collect_cycles();
    $open = count(array_filter($refs, fn ($r) => $r->get() !== null && !$r->get()->isClosed()));
    $probe = $refs[0]->get();
    $probe->write("ping");
    $base->loop(EventBase::LOOP_ONCE); // both sides echo: run one batch only
    unset($probe);
    // 2. EventBase::free() closes them all (onClose once each); then every cycle is gone.
    $base->free();
    $closedAll = $closed === 2 * $n;
    gc_collect_cycles();
    $left = count(array_filter($refs, fn ($r) => $r->get() !== null));
    if ($report) {
        var_dump($open === $n, $closedAll, $left === 0);
    }
};
$round(false); // warm up: the object store and GC buffers grow once and stay
gc_collect_cycles();
$m0 = memory_get_usage();
$round(true);
gc_collect_cycles();
$m1 = memory_get_usage();
var_dump(($m1 - $m0) / $n < 4);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
