--TEST--
G11: cloning Event, EventBase or EventConfig throws Error; serialising or unserialising EventBase and EventConfig throws EventException
--FILE--
<?php
function t(string $label, callable $fn) {
	try {
		$fn();
		echo "$label: no exception\n";
	} catch (Throwable $e) {
		echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n";
	}
}
$base = new EventBase();
$cfg = new EventConfig();
$ev = Event::timer($base, function () { echo "timer ran\n"; });
$ev->add(0);
t('clone Event', fn () => clone $ev);
t('clone EventBase', fn () => clone $base);
t('clone EventConfig', fn () => clone $cfg);
t('serialize EventBase', fn () => serialize($base));
t('serialize EventConfig', fn () => serialize($cfg));
t('serialize array holding EventBase', fn () => serialize([$ev->data, $base]));
t('unserialize EventBase', fn () => unserialize('O:9:"EventBase":0:{}'));
t('unserialize EventConfig', fn () => unserialize('O:11:"EventConfig":0:{}'));
t('var_export EventBase', fn () => var_export($base, true));
// still fully usable
$base->loop();
var_dump($base->getMethod() !== '');
?>
--EXPECT--
clone Event: Error: Trying to clone an uncloneable object of class Event
clone EventBase: Error: Trying to clone an uncloneable object of class EventBase
clone EventConfig: Error: Trying to clone an uncloneable object of class EventConfig
serialize EventBase: EventException: EventBase instances are not serializable
serialize EventConfig: EventException: EventConfig instances are not serializable
serialize array holding EventBase: EventException: EventBase instances are not serializable
unserialize EventBase: EventException: EventBase instances are not unserializable
unserialize EventConfig: EventException: EventConfig instances are not unserializable
var_export EventBase: no exception
timer ran
bool(true)
