--TEST--
Event: dropping the last reference inside its own PERSIST callback releases it after the callback returns
--FILE--
<?php
$base = new EventBase();
$calls = 0;
$events = ['a' => null];
$events['a'] = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use (&$events, &$calls, &$weak) {
	$calls++;
	unset($events['a']);            // the last PHP reference
	echo "after unset: ", $weak->get() === null ? "released" : "alive", "\n";
	echo "still running, calls=$calls\n";
});
$weak = WeakReference::create($events['a']);
$events['a']->add(0.001);
var_dump($base->loop());
echo "after loop: ", $weak->get() === null ? "released" : "alive", "\n";
var_dump($calls);
?>
--EXPECT--
after unset: alive
still running, calls=1
bool(true)
after loop: released
int(1)
