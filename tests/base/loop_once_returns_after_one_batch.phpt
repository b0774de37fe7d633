--TEST--
EventBase: loop(LOOP_ONCE) waits for the first ready event, runs it and returns with later events still pending
--FILE--
<?php
$base = new EventBase();
$soon = Event::timer($base, function () { echo "soon\n"; });
$later = Event::timer($base, function () { echo "later\n"; });
$soon->add(0.01);
$later->add(60);
$start = hrtime(true);
var_dump($base->loop(EventBase::LOOP_ONCE));
var_dump((hrtime(true) - $start) / 1e9 < 30);
var_dump($soon->pending, $later->pending);
?>
--EXPECT--
soon
bool(true)
bool(true)
bool(false)
bool(true)
