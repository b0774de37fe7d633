--TEST--
Event: timeouts keep microsecond precision: 0.000001 s fires, and timers 1 us apart fire in deadline order
--FILE--
<?php
$base = new EventBase();
$ev = Event::timer($base, function () { echo "1 us timer fired\n"; });
var_dump($ev->add(0.000001));
$base->loop();

// Added from inside one callback, the timers share libevent's cached "now", so their
// deadlines differ by exactly the difference of their timeouts. Added in the reverse of
// their deadline order, they only come out sorted if no microsecond was lost.
$order = [];
$timers = [];
$setup = Event::timer($base, function () use ($base, &$timers, &$order) {
	foreach ([0.020003, 0.020002, 0.020001, 0.020000] as $t) {
		$ev = Event::timer($base, function ($t) use (&$order) { $order[] = sprintf("%.6f", $t); }, $t);
		$ev->add($t);
		$timers[] = $ev;
	}
});
$setup->add(0);
$base->loop();
echo implode(" ", $order), "\n";
?>
--EXPECT--
bool(true)
1 us timer fired
0.020000 0.020001 0.020002 0.020003
