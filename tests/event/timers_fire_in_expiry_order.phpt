--TEST--
Event: timers added in shuffled order fire in order of expiry
--FILE--
<?php
$base = new EventBase();
$fired = [];
$events = [];
foreach ([0.05, 0.01, 0.04, 0.002, 0.03, 0.02, 0.0] as $delay) {
    $ev = Event::timer($base, function ($d) use (&$fired) { $fired[] = $d; }, $delay);
    $ev->add($delay);
    $events[] = $ev;
}
var_dump($base->loop());
echo implode(" ", $fired), "\n";
?>
--EXPECT--
bool(true)
0 0.002 0.01 0.02 0.03 0.04 0.05
