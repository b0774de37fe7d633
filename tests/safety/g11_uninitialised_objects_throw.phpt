--TEST--
G11: objects that bypass their constructor (reflection, unserialize) cannot be used, and constructors cannot run twice
--FILE--
<?php
function t(string $label, callable $fn) {
	try {
		$r = $fn();
		echo "$label: no exception", $r === null ? "" : ", " . var_export($r, true), "\n";
	} catch (Throwable $e) {
		echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n";
	}
}
foreach (['Event', 'EventBase', 'EventConfig', 'EventUtil'] as $class) {
	t("newInstanceWithoutConstructor($class)", fn () => (new ReflectionClass($class))->newInstanceWithoutConstructor());
}
$base = new EventBase();
// unserialize() is the other way to get an Event whose constructor never ran.
$ev = unserialize('O:5:"Event":1:{s:4:"data";s:1:"x";}');
var_dump(get_class($ev), $ev->data, $ev->pending);
$calls = [
	'set' => [$base, -1, Event::TIMEOUT], 'setTimer' => [$base, function () {}], 'add' => [0],
	'addTimer' => [0], 'addSignal' => [], 'del' => [], 'delTimer' => [], 'delSignal' => [],
	'removeTimer' => [], 'setPriority' => [0], 'pending' => [Event::TIMEOUT],
];
foreach ($calls as $m => $args) {
	t("uninitialised Event::$m", fn () => $ev->$m(...$args));
}
t('EventBase::set(uninitialised)', fn () => $base->set($ev));
t('uninitialised Event::free', fn () => $ev->free());
t('uninitialised Event::__construct', fn () => $ev->__construct($base, -1, Event::TIMEOUT, function () {}));
unset($ev);

$ev = Event::timer($base, function () { echo "original callback\n"; });
t('Event::__construct twice', fn () => $ev->__construct($base, -1, Event::TIMEOUT, function () { echo "replaced\n"; }));
t('EventBase::__construct twice', fn () => $base->__construct());
$cfg = new EventConfig();
t('EventConfig::__construct twice', fn () => $cfg->__construct());
t('new EventUtil', fn () => new EventUtil());
$ev->add(0);
$base->loop();
?>
--EXPECT--
newInstanceWithoutConstructor(Event): ReflectionException: Class Event is an internal class marked as final that cannot be instantiated without invoking its constructor
newInstanceWithoutConstructor(EventBase): ReflectionException: Class EventBase is an internal class marked as final that cannot be instantiated without invoking its constructor
newInstanceWithoutConstructor(EventConfig): ReflectionException: Class EventConfig is an internal class marked as final that cannot be instantiated without invoking its constructor
newInstanceWithoutConstructor(EventUtil): no exception, \EventUtil::__set_state(array(
))
string(5) "Event"
string(1) "x"
bool(false)
uninitialised Event::set: Error: Event::set(): the event is not initialised (its constructor was not called)
uninitialised Event::setTimer: Error: Event::setTimer(): the event is not initialised (its constructor was not called)
uninitialised Event::add: Error: Event::add(): the event is not initialised (its constructor was not called)
uninitialised Event::addTimer: Error: Event::addTimer(): the event is not initialised (its constructor was not called)
uninitialised Event::addSignal: Error: Event::addSignal(): the event is not initialised (its constructor was not called)
uninitialised Event::del: Error: Event::del(): the event is not initialised (its constructor was not called)
uninitialised Event::delTimer: Error: Event::delTimer(): the event is not initialised (its constructor was not called)
uninitialised Event::delSignal: Error: Event::delSignal(): the event is not initialised (its constructor was not called)
uninitialised Event::removeTimer: Error: Event::removeTimer(): the event is not initialised (its constructor was not called)
uninitialised Event::setPriority: Error: Event::setPriority(): the event is not initialised (its constructor was not called)
uninitialised Event::pending: Error: Event::pending(): the event is not initialised (its constructor was not called)
EventBase::set(uninitialised): Error: EventBase::set(): the event is not initialised (its constructor was not called)
uninitialised Event::free: no exception
uninitialised Event::__construct: Error: Event::__construct() cannot be called twice
Event::__construct twice: Error: Event::__construct() cannot be called twice
EventBase::__construct twice: Error: EventBase::__construct() cannot be called twice
EventConfig::__construct twice: no exception
new EventUtil: Error: Call to private EventUtil::__construct() from global scope
original callback
