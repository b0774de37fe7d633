--TEST--
Event: exit() inside a callback ends the script normally: nothing after it runs, shutdown functions and destructors do
--FILE--
<?php
class Guard {
	public function __destruct() { echo "destructor ran\n"; }
}
$base = new EventBase();
register_shutdown_function(function () use ($base, &$other) {
	echo "shutdown function ran\n";
	var_dump($other->pending);
	$other->del();
	$t = Event::timer($base, function () { echo "loop still usable\n"; });
	$t->add(0);
	$base->loop();
});
$guard = new Guard();
$other = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () { echo "never\n"; });
$other->add(30);
$ev = new Event($base, -1, Event::TIMEOUT, function () use ($guard) {
	echo "in callback\n";
	exit("exit message\n");
	echo "after exit\n";
});
$ev->add(0.001);
try {
	$base->loop();
} finally {
	echo "finally blocks do not run on exit\n";
}
echo "after loop\n";
?>
--EXPECT--
in callback
exit message
shutdown function ran
bool(true)
loop still usable
destructor ran
