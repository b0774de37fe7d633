--TEST--
Event: gc_collect_cycles() inside a callback collects garbage events queued in the same batch without running them, and never the running one
--FILE--
<?php
$base = new EventBase();
$ran = [];
$weak = [];
for ($i = 0; $i < 20; $i++) {
	// garbage cycles, all active in the first batch
	$ev = new Event($base, -1, Event::TIMEOUT, function () use (&$ev, &$ran, $i) {
		$ran[] = $i;
		$ev = null;            // break this one's own cycle
		gc_collect_cycles();   // collects every other queued cycle
	});
	$ev->add(0);
	$weak[] = WeakReference::create($ev);
	unset($ev);
}
var_dump($base->loop());
echo "ran: ", count($ran), "\n";
echo "alive: ", count(array_filter($weak, fn ($w) => $w->get() !== null)), "\n";
?>
--EXPECT--
bool(true)
ran: 1
alive: 0
