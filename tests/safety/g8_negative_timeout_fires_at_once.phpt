--TEST--
Event: a negative timeout (other than -1) fires at once, before a timer of 0.05 s added earlier
--FILE--
<?php
$base = new EventBase();
$order = [];
$later = Event::timer($base, function () use (&$order) { $order[] = "0.05"; });
$later->add(0.05);
$events = [];
foreach ([-0.5, -5.0, -1.5, (float)-PHP_INT_MAX, -INF] as $t) {
	$ev = Event::timer($base, function ($t) use (&$order) { $order[] = (string)$t; }, $t);
	var_dump($ev->add($t));
	$events[] = $ev;
}
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
