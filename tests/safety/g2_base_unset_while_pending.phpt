--TEST--
Event: unsetting the EventBase variable while events are pending keeps the base alive through its events until the last one goes
--FILE--
<?php
$base = new EventBase();
$fired = 0;
$a = Event::timer($base, function () use (&$fired) { $fired++; });
$b = new Event($base, -1, Event::TIMEOUT, function () use (&$fired) { $fired++; });
$a->add(0.001);
$b->add(0.002);
$weak = WeakReference::create($base);
unset($base);

// Still alive and usable through the events.
var_dump($weak->get() instanceof EventBase, $a->pending, $b->pending);
var_dump($weak->get()->loop(), $fired);
var_dump($a->add(0), $weak->get()->loop(), $fired);

$a->free();
var_dump($weak->get() instanceof EventBase); // $b still holds it
unset($b);
var_dump($weak->get());                      // released with the last event
var_dump($a->pending);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
int(2)
bool(true)
bool(true)
int(3)
bool(true)
NULL
bool(false)
