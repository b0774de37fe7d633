--TEST--
Event: an exception in a PERSIST callback comes out of loop() as the same object with no warning, the event stays pending and the next loop() continues
--FILE--
<?php
$base = new EventBase();
$calls = 0;
$thrown = null;
$ev = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use (&$calls, &$thrown, $base) {
	$calls++;
	if ($calls === 1) {
		$thrown = new DomainException("boom", 42);
		throw $thrown;
	}
	if ($calls === 3) {
		$base->stop();
	}
});
$ev->add(0.001);
try {
	$base->loop();
	echo "no exception\n";
} catch (DomainException $e) {
	var_dump($e === $thrown, $e->getMessage(), $e->getCode(), $e->getPrevious());
}
var_dump($calls, $ev->pending, $ev->pending(Event::TIMEOUT));
var_dump($base->loop());
var_dump($calls, $ev->pending);
?>
--EXPECT--
bool(true)
string(4) "boom"
int(42)
NULL
int(1)
bool(true)
bool(true)
bool(true)
int(3)
bool(true)
