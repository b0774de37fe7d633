--TEST--
Event: a NAN timeout throws ValueError naming the argument and leaves the event as it was
--FILE--
<?php
$base = new EventBase();
$ev = Event::timer($base, function () {});
foreach (['add', 'addTimer', 'addSignal'] as $m) {
	try {
		$ev->$m(NAN);
	} catch (ValueError $e) {
		echo get_class($e), ": ", $e->getMessage(), "\n";
	}
}
var_dump($ev->pending);
$ev->add(30);
try {
	$ev->add(NAN);
} catch (ValueError $e) {
	echo get_class($e), ": ", $e->getMessage(), "\n";
}
var_dump($ev->pending(Event::TIMEOUT));
try {
	$base->exit(NAN);
} catch (ValueError $e) {
	echo get_class($e), ": ", $e->getMessage(), "\n";
}
var_dump($base->gotExit());
?>
--EXPECT--
ValueError: Event::add(): Argument #1 ($timeout) must be a number of seconds, NAN given
ValueError: Event::addTimer(): Argument #1 ($timeout) must be a number of seconds, NAN given
ValueError: Event::addSignal(): Argument #1 ($timeout) must be a number of seconds, NAN given
bool(false)
ValueError: Event::add(): Argument #1 ($timeout) must be a number of seconds, NAN given
bool(true)
ValueError: EventBase::exit(): Argument #1 ($timeout) must be a number of seconds, NAN given
bool(false)
