--TEST--
EventBase: stop() inside a callback ends loop() right after that callback, and gotStop() reports it
--FILE--
<?php
$base = new EventBase();
$log = [];
$a = Event::timer($base, function () use ($base, &$log) { $log[] = "A"; var_dump($base->stop()); });
$b = Event::timer($base, function () use (&$log) { $log[] = "B"; });
$a->add(0);
$b->add(0);
var_dump($base->loop());
echo implode(" ", $log), "\n";
var_dump($base->gotStop(), $base->gotExit(), $b->pending);

echo "-- loop again\n";
var_dump($base->loop());
echo implode(" ", $log), "\n";
var_dump($base->gotStop());
?>
--EXPECT--
bool(true)
bool(true)
A
bool(true)
bool(false)
bool(true)
-- loop again
bool(true)
A B
bool(false)
