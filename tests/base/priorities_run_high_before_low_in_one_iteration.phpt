--TEST--
EventBase: with priorityInit(2), a high-priority event runs before a low-priority one ready in the same iteration
--FILE--
<?php
$base = new EventBase();
var_dump($base->priorityInit(2));
$log = [];
// Added first, with the same (zero) timeout: without priorities it would run first.
$low = Event::timer($base, function () use (&$log) { $log[] = "low"; });
$high = Event::timer($base, function () use (&$log) { $log[] = "high"; });
var_dump($low->setPriority(1), $high->setPriority(0));
$low->add(0);
$high->add(0);
var_dump($base->loop());
echo implode(" ", $log), "\n";

try {
    $low->setPriority(2);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
high low
Event::setPriority(): Argument #1 ($priority) must be between 0 and 1 (the base has 2 priorities; see EventBase::priorityInit())
