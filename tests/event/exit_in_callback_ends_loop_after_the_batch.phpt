--TEST--
EventBase: exit() inside a callback ends loop() once the ready callbacks ran, and gotExit() reports it
--FILE--
<?php
$base = new EventBase();
$log = [];
$a = Event::timer($base, function () use ($base, &$log) { $log[] = "A"; var_dump($base->exit()); });
$b = Event::timer($base, function () use (&$log) { $log[] = "B"; });
$later = Event::timer($base, function () use (&$log) { $log[] = "later"; });
$a->add(0);
$b->add(0);
$later->add(30);
var_dump($base->loop());
echo implode(" ", $log), "\n";
var_dump($base->gotExit(), $base->gotStop(), $later->pending);
?>
--EXPECT--
bool(true)
bool(true)
A B
bool(true)
bool(false)
bool(true)
