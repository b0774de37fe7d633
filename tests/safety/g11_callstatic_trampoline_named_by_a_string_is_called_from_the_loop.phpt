--TEST--
Event: a "Class::method" string that reaches __callStatic is called from the loop, every time, without touching uninitialised call state
--FILE--
<?php
class H { static function __callStatic($n, $a) { echo "static $n(", implode(',', array_map('json_encode', $a)), ")\n"; } }
$base = new EventBase();
$e = Event::timer($base, 'H::other', 'x');
for ($i = 0; $i < 3; $i++) {
	$e->addTimer(0);
	$base->loop();
}
$e = new Event($base, -1, Event::TIMEOUT, 'H::generic', 'y');
$e->add(0);
$base->loop();
echo "done\n";
?>
--EXPECT--
static other("x")
static other("x")
static other("x")
static generic(-1,1,"y")
done
