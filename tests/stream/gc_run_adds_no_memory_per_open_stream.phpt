--TEST--
AsyncStream: a GC run adds no memory per open stream (no property table is built for the collector), and a cycle through $data is still collected
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
$keep = [];
for ($i = 0; $i < 200; $i++) {
    [$a, $b] = as_pair($base);
    $keep[] = $a;
    $keep[] = $b;
}
$before = memory_get_usage();
gc_collect_cycles();                  // the collector visits every stream (the base owns them)
$grown = memory_get_usage() - $before;
// Building a table per stream would cost 376 bytes each: 150,000 for these 400.
echo $grown < 8192 ? "no growth\n" : "grew by $grown bytes\n";

class Tracker { public function __destruct() { echo "tracker freed\n"; } }
[$c, $d] = as_pair($base);
$c->data = ['self' => $c, 'tracker' => new Tracker];
$c->close();
$d->close();
unset($c, $d);
echo "collecting\n";
gc_collect_cycles();
foreach ($keep as $s) $s->close();
echo "done\n";
--EXPECT--
no growth
collecting
tracker freed
done
