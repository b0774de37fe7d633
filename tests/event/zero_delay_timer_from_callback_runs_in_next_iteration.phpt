--TEST--
Event: a zero-delay timer added inside a callback runs in the next iteration, after the current batch
--FILE--
<?php
$base = new EventBase();
$log = [];
$z = Event::timer($base, function () use (&$log) { $log[] = "Z"; });
$a = Event::timer($base, function () use (&$log, $z) { $log[] = "A"; $z->add(0); });
$b = Event::timer($base, function () use (&$log) { $log[] = "B"; });
$a->add(0);
$b->add(0);

var_dump($base->loop(EventBase::LOOP_ONCE));
echo implode(" ", $log), "\n";
var_dump($z->pending);

var_dump($base->loop(EventBase::LOOP_ONCE));
echo implode(" ", $log), "\n";
var_dump($z->pending);
?>
--EXPECT--
bool(true)
A B
bool(true)
bool(true)
A B Z
bool(false)
