--TEST--
Event: a fatal error in a callback of a loop nested in another base's callback unwinds both loops and leaves both bases usable
--ENV--
ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0:allocator_may_return_null=1
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
	// A compile error is fatal (a bailout, not an exception), with the same message on
	// every PHP >= 8.1; trigger_error(E_USER_ERROR) is deprecated on 8.4+.
	eval('$this = 1;');
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

Fatal error: Cannot re-assign $this in %s : eval()'d code on line 1
outer timer in shutdown
bool(true)
inner timer in shutdown
bool(true)
