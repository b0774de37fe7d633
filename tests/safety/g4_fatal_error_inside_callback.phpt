--TEST--
Event: a fatal error inside a callback ends the script normally and leaves the EventBase usable by shutdown functions
--ENV--
ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0:allocator_may_return_null=1
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
	// A compile error is fatal (a bailout, not an exception), with the same message on
	// every PHP >= 8.1; trigger_error(E_USER_ERROR) is deprecated on 8.4+.
	eval('$this = 1;');
	echo "not reached\n";
});
$ev->add(0);
$base->loop();
echo "not reached\n";
?>
--EXPECTF--
in callback

Fatal error: Cannot re-assign $this in %s : eval()'d code on line 1
shutdown function ran
timer in shutdown
bool(true)
