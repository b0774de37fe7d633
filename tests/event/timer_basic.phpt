--TEST--
Event: a one-shot timer fires once with its argument
--FILE--
<?php
$base = new EventBase();
$ev = Event::timer($base, function ($arg) { echo "fired $arg\n"; }, "x");
var_dump($ev->add(0.001));
var_dump($base->loop());
var_dump($ev->pending);
?>
--EXPECT--
bool(true)
fired x
bool(true)
bool(false)
