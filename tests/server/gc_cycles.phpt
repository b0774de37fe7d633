--TEST--
AsyncStreamServer: get_gc reports the callbacks and the base, so a server in a cycle through its closures is collected and closed (G3)
--FILE--
<?php
$base = new EventBase();
$addrs = [];
$weak = [];
for ($i = 0; $i < 3; $i++) {
    $holder = new stdClass();
    $holder->server = new AsyncStreamServer($base, "127.0.0.1:0", function () use ($holder) {});
    $holder->server->onError(function () use ($holder) {});
    $addrs[] = $holder->server->getAddress();
    $weak[] = WeakReference::create($holder->server);
    unset($holder);
}
var_dump($weak[0]->get() !== null); // only the cycle keeps it
var_dump(gc_collect_cycles() > 0);
var_dump($weak[0]->get(), $weak[2]->get());
foreach ($addrs as $a) {
    $again = new AsyncStreamServer($base, $a, fn() => null); // ports were released
}
echo "rebound all\n";

// Memory stays flat over many create/collect cycles.
$m0 = 0;
for ($i = 0; $i < 300; $i++) {
    $h = new stdClass();
    $h->s = new AsyncStreamServer($base, "127.0.0.1:0", function () use ($h) {});
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
NULL
NULL
rebound all
flat
