--TEST--
Event: timeouts up to PHP_INT_MAX seconds and INF neither overflow nor fire early; they stay pending
--FILE--
<?php
$base = new EventBase();
$fired = [];
$values = ['PHP_INT_MAX' => PHP_INT_MAX, 'INF' => INF, '1e300' => 1e300, '2^40' => (float)(1 << 40),
	'2^62' => (float)(1 << 62), 'PHP_INT_MAX/1e6' => PHP_INT_MAX / 1e6, 'PHP_FLOAT_MAX' => PHP_FLOAT_MAX];
$events = [];
foreach ($values as $name => $t) {
	$ev = Event::timer($base, function ($name) use (&$fired) { $fired[] = $name; }, $name);
	var_dump($ev->add($t));
	$events[$name] = $ev;
}
$io = new Event($base, STDOUT, Event::WRITE, function () {}); // I/O with a huge timeout too
var_dump($io->add(PHP_INT_MAX));
$stop = Event::timer($base, function () use ($base) { $base->stop(); });
$stop->add(0.05);
$base->exit(INF); // a far-away exit does not end the loop early either
var_dump($base->loop());
echo "fired: ", $fired ? implode(",", $fired) : "none", "\n";
var_dump($base->gotExit(), $base->gotStop());
foreach ($events as $name => $ev) {
	echo "$name: ", $ev->pending(Event::TIMEOUT) ? "pending" : "not pending", "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
fired: none
bool(false)
bool(true)
PHP_INT_MAX: pending
INF: pending
1e300: pending
2^40: pending
2^62: pending
PHP_INT_MAX/1e6: pending
PHP_FLOAT_MAX: pending
