--TEST--
AsyncStream: cycles stream -> closure -> stream are collected by gc_collect_cycles()
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
$closed = 0;
$make = function () use ($base, &$closed) {
    [$a, $b] = as_pair($base);
    foreach ([$a, $b] as $s) {
        $s->onData(function ($x, $d) use ($s) { $s->write($d); })
          ->onConnect(function () use ($s) {})
          ->onDrain(function () use ($s) {})
          ->onEnd(function () use ($s) {})
          ->onClose(function ($x, $e) use ($s, &$closed) { $closed++; });
    }
};
// Warm up to the same size: the object store and GC buffers grow once and stay.
for ($i = 0; $i < 2000; $i++) $make();
gc_collect_cycles();
$base->loop(EventBase::LOOP_NONBLOCK);
$m0 = memory_get_usage();
for ($i = 0; $i < 2000; $i++) $make();
$n = gc_collect_cycles();
$m1 = memory_get_usage();
var_dump($n > 0);
var_dump($closed === 8000);
var_dump(($m1 - $m0) / 2000 < 4);
// The loop has nothing left to watch: every stream was closed when collected.
var_dump($base->loop());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
