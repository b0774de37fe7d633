--TEST--
Event: timers added in shuffled order fire in order of expiry
--DESCRIPTION--
The timers are added from inside one callback, where libevent measures every timeout
from the same cached "now": their expiry order is then exact however slow the machine
(outside the loop each add() reads the clock anew, and a slow add can legitimately
reorder timers a few ms apart).
--FILE--
<?php
$base = new EventBase();
$fired = [];
$events = [];
$start = Event::timer($base, function () use ($base, &$fired, &$events) {
    foreach ([0.05, 0.01, 0.04, 0.002, 0.03, 0.02, 0.0] as $delay) {
        $ev = Event::timer($base, function ($d) use (&$fired) { $fired[] = $d; }, $delay);
        $ev->add($delay);
        $events[] = $ev;
    }
});
$start->add(0);
var_dump($base->loop());
echo implode(" ", $fired), "\n";
?>
--EXPECT--
bool(true)
0 0.002 0.01 0.02 0.03 0.04 0.05
