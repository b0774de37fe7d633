--TEST--
GC: 1000 Event -> closure -> Event cycles, pending or not, are collected by gc_collect_cycles()
--FILE--
<?php
$n = getenv('USE_ZEND_ALLOC') === '0' ? 200 : 1000; // fewer under valgrind, same assertions
$base = new EventBase();
gc_collect_cycles();
$weak = [];
for ($i = 0; $i < $n; $i++) {
	$ev = new Event($base, -1, Event::TIMEOUT, function () use (&$ev) { echo "never\n"; });
	if ($i % 2) {
		$ev->add(60); // pending ones too: libevent holds no PHP reference
	}
	$weak[] = WeakReference::create($ev);
	unset($ev);
}
$alive = count(array_filter($weak, fn ($w) => $w->get() !== null));
echo "alive before gc: ", $alive === $n ? "all" : $alive, "\n";
$collected = gc_collect_cycles();
echo "collected at least 2 per cycle: ", $collected >= 2 * $n ? "yes" : "no ($collected)", "\n";
$alive = count(array_filter($weak, fn ($w) => $w->get() !== null));
echo "alive after gc: $alive\n";
// The collected pending events are gone from libevent too: the loop has nothing to wait for.
var_dump($base->loop());
?>
--EXPECT--
alive before gc: all
collected at least 2 per cycle: yes
alive after gc: 0
bool(true)
