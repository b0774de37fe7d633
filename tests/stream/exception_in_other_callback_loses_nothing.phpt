--TEST--
AsyncStream: when another callback of the same loop iteration throws, no frame is lost and onConnect still fires later
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = as_pair($base);
[$c, $d] = as_pair($base);
$got = [];
// Both b and d become readable in the same iteration; whichever runs first throws.
foreach (['b' => $b, 'd' => $d] as $n => $s) {
    $s->onData(function ($s, $x) use ($n, &$got) {
        $got[] = "$n:$x";
        if (count($got) === 1) throw new Exception("first");
    });
}
$a->write("1");
$c->write("2");
try { $base->loop(EventBase::LOOP_ONCE); } catch (Exception $e) { echo $e->getMessage(), " ", count($got), "\n"; }
$base->loop(EventBase::LOOP_NONBLOCK);
sort($got);
echo implode(",", $got), "\n";
?>
--EXPECT--
first 1
b:1,d:2
