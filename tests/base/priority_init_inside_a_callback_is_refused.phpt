--TEST--
EventBase::priorityInit() from a callback of the running loop is refused with a warning (libevent would free the queues the loop walks)
--FILE--
<?php
// Found by scripts/fuzz.php (seed 11): valgrind saw event_base_loop() read the active
// queue array that event_base_priority_init() had just freed.
$base = new EventBase();
$n = 0;
$a = Event::timer($base, function () use ($base, &$n) {
    var_dump($base->priorityInit(3));
    $n++;
});
$a->add(0); // the only active callback: libevent itself would accept the call
$base->loop();
var_dump($n);
$a->free();
var_dump($base->priorityInit(3)); // outside the loop, with no events, it works
?>
--EXPECTF--
Warning: EventBase::priorityInit(): cannot set 3 priorities while the loop of this EventBase is running (called from one of its callbacks) in %s on line %d
bool(false)
int(1)
bool(true)
