--TEST--
Event: $e->data = $e makes $e the callback's $arg, and the callback may free() it through that argument (ext-event's tests/06-timer.phpt)
--FILE--
<?php
$base = new EventBase();
$e = new Event($base, -1, Event::TIMEOUT, function ($fd, $what, $e) {
	echo "0.01 seconds elapsed\n";
	var_dump($e instanceof Event, $fd, $what);
	// By calling free() ext-event avoided a crash at shutdown; here it must simply work.
	$e->free();
});
$e->data = $e;
$e->addTimer(0.01);
var_dump($base->loop());
var_dump($e->data === $e);
unset($e);
var_dump(gc_collect_cycles() >= 1);
?>
--EXPECT--
0.01 seconds elapsed
bool(true)
int(-1)
int(1)
bool(true)
bool(true)
bool(true)
