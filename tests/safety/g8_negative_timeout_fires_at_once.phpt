--TEST--
Event: a negative timeout (other than -1) fires at once, before a timer of 0.05 s added earlier
--DESCRIPTION--
The timers are added from inside one callback, where libevent measures every timeout
from the same cached "now" (outside the loop each add() reads the clock anew, and on a
loaded machine or under valgrind adding five timers can take longer than 0.05 s).
--FILE--
<?php
$base = new EventBase();
$order = [];
$later = Event::timer($base, function () use (&$order) { $order[] = "0.05"; });
$events = [];
$start = Event::timer($base, function () use ($base, $later, &$events, &$order) {
	$later->add(0.05);
	foreach ([-0.5, -5.0, -1.5, (float)-PHP_INT_MAX, -INF] as $t) {
		$ev = Event::timer($base, function ($t) use (&$order) { $order[] = (string)$t; }, $t);
		var_dump($ev->add($t));
		$events[] = $ev;
	}
});
$start->add(0);
$base->loop();
// all negative ones (in any order) before the 0.05 s timer
echo count($order), " fired, last: ", end($order), "\n";
// EventBase::exit() with a negative timeout stops the loop at once, too.
$later->add(30);
$base->exit(-3);
$base->loop();
var_dump($base->gotExit(), $later->pending);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
6 fired, last: 0.05
bool(true)
bool(true)
