--TEST--
AsyncStreamServer: a listening server reachable only through its own closures is not collected (the loop owns it); EventBase::free() releases it, cycles included, and memory stays flat (G3)
--FILE--
<?php
$base = new EventBase();
$addrs = [];
$weak = [];
for ($i = 0; $i < 3; $i++) {
    $holder = new stdClass();
    $holder->server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c) use ($holder) { $c->end("hi"); });
    $holder->server->onError(function () use ($holder) {});
    $addrs[] = $holder->server->getAddress();
    $weak[] = WeakReference::create($holder->server);
    unset($holder);
}
gc_collect_cycles();
var_dump($weak[0]->get()?->isListening(), $weak[2]->get()?->isListening()); // not garbage: still listening
// ... and serving.
$got = '';
$c = AsyncStream::connect($base, $addrs[1])
    ->onData(function ($s, $d) use (&$got) { $got .= $d; })
    ->onClose(fn () => $base->stop()); // listening servers keep the loop running
$base->loop();
var_dump($got);
// EventBase::free() closes them; then nothing keeps them: the cycles are collected.
$base->free();
gc_collect_cycles();
var_dump($weak[0]->get(), $weak[2]->get());
$base = new EventBase();
foreach ($addrs as $a) {
    (new AsyncStreamServer($base, $a, fn() => null))->close(); // ports were released
}
echo "rebound all\n";

// Memory stays flat over many listen/close rounds with cycles through the closures.
$m0 = 0;
for ($i = 0; $i < 300; $i++) {
    $h = new stdClass();
    $h->s = new AsyncStreamServer($base, "127.0.0.1:0", function () use ($h) {});
    $h->s->close();
    unset($h);
    if ($i === 99) { gc_collect_cycles(); $m0 = memory_get_usage(); }
}
gc_collect_cycles();
$grow = memory_get_usage() - $m0;
echo $grow < 200 * 4 ? "flat\n" : "grew by $grow bytes\n";
?>
--EXPECT--
bool(true)
bool(true)
string(2) "hi"
NULL
NULL
rebound all
flat
