--TEST--
Event: a fatal error inside a callback ends the script normally and leaves the EventBase usable by shutdown functions
--FILE--
<?php
$base = new EventBase();
register_shutdown_function(function () use ($base) {
	echo "shutdown function ran\n";
	$t = Event::timer($base, function () { echo "timer in shutdown\n"; });
	$t->add(0);
	var_dump($base->loop());
});
$ev = Event::timer($base, function () {
	echo "in callback\n";
	trigger_error("fatal inside the callback", E_USER_ERROR);
	echo "not reached\n";
});
$ev->add(0);
$base->loop();
echo "not reached\n";
?>
--EXPECTF--
in callback

Fatal error: fatal inside the callback in %s on line %d
shutdown function ran
timer in shutdown
bool(true)
