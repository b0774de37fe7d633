--TEST--
Event: free() or dropping the last reference, then throwing, inside its own callback: the exception comes out of loop() and the event never runs again
--FILE--
<?php
$base = new EventBase();
$calls = ['free' => 0, 'unset' => 0];

$a = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use (&$a, &$calls) {
	$calls['free']++;
	$a->free();
	throw new RuntimeException("thrown after free()");
});
$a->add(0.001);
try {
	$base->loop();
	echo "no exception\n";
} catch (RuntimeException $e) {
	echo get_class($e), ": ", $e->getMessage(), "\n";
}

$holder = new stdClass();
$holder->ev = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use ($holder, &$calls) {
	$calls['unset']++;
	$holder->ev = null; // last reference
	throw new LogicException("thrown after the last reference went away");
});
$weak = WeakReference::create($holder->ev);
$holder->ev->add(0.001);
try {
	$base->loop();
	echo "no exception\n";
} catch (LogicException $e) {
	echo get_class($e), ": ", $e->getMessage(), "\n";
}
var_dump($weak->get());
// Nothing is left: another loop returns at once and calls nothing.
var_dump($base->loop());
var_dump($calls);
?>
--EXPECT--
RuntimeException: thrown after free()
LogicException: thrown after the last reference went away
NULL
bool(true)
array(2) {
  ["free"]=>
  int(1)
  ["unset"]=>
  int(1)
}
