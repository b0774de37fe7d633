--TEST--
EventBase::priorityInit() once the base has events is refused with a warning (an event would keep a priority past the new queues)
--FILE--
<?php
// Found by scripts/fuzz.php: "Assertion evcb->evcb_pri < base->nactivequeues failed in
// event_queue_insert_active", a fatal error, after priorityInit(4), setPriority(3), priorityInit(2).
$base = new EventBase();
var_dump($base->priorityInit(4));
$ev = Event::timer($base, function () { echo "fired\n"; });
var_dump($ev->setPriority(3));
var_dump($base->priorityInit(2));
$ev->add(0);
$base->loop();
$ev->free();
var_dump($base->priorityInit(2)); // no events left: allowed again
?>
--EXPECTF--
bool(true)
bool(true)

Warning: EventBase::priorityInit(): cannot set 2 priorities: this EventBase already has events (call priorityInit() before creating any) in %s on line %d
bool(false)
fired
bool(true)
