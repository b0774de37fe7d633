--TEST--
Event: an exception from a one-shot timer comes out of loop() unchanged, from dispatch() too, and the timer can be added again
--FILE--
<?php
$base = new EventBase();
$ev = Event::timer($base, function ($arg) {
	throw new Exception("from one-shot $arg");
}, "timer");
foreach (['loop', 'dispatch'] as $method) {
	$ev->add(0.001);
	try {
		$base->$method();
		echo "no exception\n";
	} catch (Exception $e) {
		echo "$method: ", get_class($e), ": ", $e->getMessage(), "\n";
	}
	var_dump($ev->pending);
}
// An Error subclass (here from a bad call inside the callback) comes out the same way.
$ev->setTimer($base, function () { strlen(); });
$ev->add(0);
try {
	$base->loop();
} catch (ArgumentCountError $e) {
	echo get_class($e), ": ", $e->getMessage(), "\n";
}
?>
--EXPECT--
loop: Exception: from one-shot timer
bool(false)
dispatch: Exception: from one-shot timer
bool(false)
ArgumentCountError: strlen() expects exactly 1 argument, 0 given
