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
// unserialize() used to be the other way to get an Event whose constructor never ran: refused now.
t('unserialize(Event)', fn () => unserialize('O:5:"Event":1:{s:4:"data";s:1:"x";}'));

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
newInstanceWithoutConstructor(EventUtil): ReflectionException: Class EventUtil is an internal class marked as final that cannot be instantiated without invoking its constructor
unserialize(Event): Exception: Unserialization of 'Event' is not allowed
Event::__construct twice: Error: Event::__construct() cannot be called twice
EventBase::__construct twice: Error: EventBase::__construct() cannot be called twice
EventConfig::__construct twice: no exception
new EventUtil: Error: Call to private EventUtil::__construct() from global scope
original callback
