--TEST--
EventBase: every method of a freed EventBase throws Error naming the method, and free() stays idempotent
--FILE--
<?php
$base = new EventBase();
$other = new EventBase();
$ev = Event::timer($other, function () {});
$base->free();
$base->free();

$calls = [
	'getMethod' => [], 'getFeatures' => [], 'priorityInit' => [2], 'loop' => [],
	'dispatch' => [], 'exit' => [0.5], 'stop' => [], 'gotStop' => [], 'gotExit' => [],
	'set' => [$ev], 'getTimeOfDayCached' => [], 'updateCacheTime' => [], 'resume' => [],
	'reInit' => [],
];
foreach ($calls as $method => $args) {
	try {
		$base->$method(...$args);
		echo "$method: no exception\n";
	} catch (Throwable $e) {
		echo "$method: ", get_class($e), ": ", $e->getMessage(), "\n";
	}
}
$make = [
	'new Event' => fn () => new Event($base, -1, Event::TIMEOUT, function () {}),
	'Event::timer' => fn () => Event::timer($base, function () {}),
	'Event::signal' => fn () => Event::signal($base, SIGUSR1, function () {}),
	'Event::set' => fn () => $ev->set($base, -1, Event::TIMEOUT),
	'Event::setTimer' => fn () => $ev->setTimer($base, function () {}),
	'__construct again' => fn () => $base->__construct(),
];
foreach ($make as $what => $fn) {
	try {
		$fn();
		echo "$what: no exception\n";
	} catch (Throwable $e) {
		echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
	}
}
// the Event on the other base is untouched
var_dump($ev->add(0), $other->loop());
echo "done\n";
?>
--EXPECT--
getMethod: Error: EventBase::getMethod(): the EventBase has been freed
getFeatures: Error: EventBase::getFeatures(): the EventBase has been freed
priorityInit: Error: EventBase::priorityInit(): the EventBase has been freed
loop: Error: EventBase::loop(): the EventBase has been freed
dispatch: Error: EventBase::dispatch(): the EventBase has been freed
exit: Error: EventBase::exit(): the EventBase has been freed
stop: Error: EventBase::stop(): the EventBase has been freed
gotStop: Error: EventBase::gotStop(): the EventBase has been freed
gotExit: Error: EventBase::gotExit(): the EventBase has been freed
set: Error: EventBase::set(): the EventBase has been freed
getTimeOfDayCached: Error: EventBase::getTimeOfDayCached(): the EventBase has been freed
updateCacheTime: Error: EventBase::updateCacheTime(): the EventBase has been freed
resume: Error: EventBase::resume(): the EventBase has been freed
reInit: Error: EventBase::reInit(): the EventBase has been freed
new Event: Error: Event::__construct(): the EventBase given has been freed
Event::timer: Error: Event::timer(): the EventBase given has been freed
Event::signal: Error: Event::signal(): the EventBase given has been freed
Event::set: Error: Event::set(): the EventBase given has been freed
Event::setTimer: Error: Event::setTimer(): the EventBase given has been freed
__construct again: Error: EventBase::__construct() cannot be called twice
bool(true)
bool(true)
done
