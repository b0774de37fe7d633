--TEST--
EventBase: set() moves a non-pending event to this base, and refuses a pending one with a warning
--FILE--
<?php
$base1 = new EventBase();
$base2 = new EventBase();
$ev = Event::timer($base1, function ($arg) { echo "fired($arg)\n"; }, "x");
var_dump($base2->set($ev));
$ev->add(0);
echo "loop base1\n";
var_dump($base1->loop());
echo "loop base2\n";
var_dump($base2->loop());

$ev->add(30);
var_dump($base1->set($ev));
var_dump($ev->del(), $base1->set($ev));
$ev->add(0);
echo "loop base2\n";
$base2->loop();
echo "loop base1\n";
$base1->loop();
?>
--EXPECTF--
bool(true)
loop base1
bool(true)
loop base2
fired(x)
bool(true)

Warning: EventBase::set(): cannot move a pending event to another base: call del() first in %s on line %d
bool(false)
bool(true)
bool(true)
loop base2
loop base1
fired(x)
