--TEST--
Event: set() and setTimer() inside its own callback replace the running closure without freeing it under its feet
--FILE--
<?php
$base = new EventBase();
$log = [];
$n = 0;
$make = function (string $name) use (&$ev, &$log, &$n, $base, &$make) {
	$own = str_repeat($name, 2); // lives in this closure only
	return function () use ($own, $name, &$ev, &$log, &$n, $base, &$make) {
		$log[] = $name;
		if (++$n === 1) {
			$ev->set($base, -1, Event::TIMEOUT, $make('b'));
		} elseif ($n === 2) {
			$ev->setTimer($base, $make('c'));
		} else {
			return;
		}
		// the closure that is running was just released by the event
		$log[] = "still have $own";
		$ev->add(0);
	};
};
$ev = new Event($base, -1, Event::TIMEOUT, $make('a'));
$ev->add(0);
unset($make);
var_dump($base->loop());
echo implode("\n", $log), "\n";
?>
--EXPECT--
bool(true)
a
still have aa
b
still have bb
c
