--TEST--
Event: a PHP reference bound to $data is let go when set()/setTimer() write a new $arg; writes through the property keep following it
--FILE--
<?php
$base = new EventBase();
$e = Event::timer($base, function ($arg) { echo "got ", json_encode($arg), "\n"; }, 1);
$r = &$e->data;
$r = 2;
$e->add(0);
$base->loop();
$e->setTimer($base, function ($arg) { echo "got ", json_encode($arg), "\n"; }, 3);
$r = 4; // no longer bound
$e->add(0);
$base->loop();
var_dump($r, $e->data);
unset($r);
// a typed reference elsewhere does not constrain $data after set()
class T { public int $i = 5; }
$t = new T;
$e->data = &$t->i;
$e->setTimer($base, function ($arg) { echo "got ", json_encode($arg), "\n"; }, "not an int");
$e->add(0);
$base->loop();
var_dump($t->i);
?>
--EXPECT--
got 2
got 3
int(4)
int(3)
got "not an int"
int(5)
