--TEST--
Event: a fatal error in a callback of a loop nested in another base's callback unwinds both loops and leaves both bases usable
--FILE--
<?php
$outer = new EventBase();
$inner = new EventBase();
register_shutdown_function(function () use ($outer, $inner) {
	foreach (['outer' => $outer, 'inner' => $inner] as $name => $base) {
		$t = Event::timer($base, function () use ($name) { echo "$name timer in shutdown\n"; });
		$t->add(0);
		var_dump($base->loop());
	}
});
$i = Event::timer($inner, function () {
	echo "inner callback\n";
	trigger_error("fatal in the inner loop", E_USER_ERROR);
});
$o = Event::timer($outer, function () use ($inner, $i) {
	echo "outer callback\n";
	$i->add(0);
	$inner->loop();
	echo "not reached\n";
});
$o->add(0);
$outer->loop();
echo "not reached\n";
?>
--EXPECTF--
outer callback
inner callback

Fatal error: fatal in the inner loop in %s on line %d
outer timer in shutdown
bool(true)
inner timer in shutdown
bool(true)
