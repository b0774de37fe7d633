--TEST--
Event: a PERSIST timer runs repeatedly until its callback deletes it
--FILE--
<?php
$base = new EventBase();
$runs = 0;
$ev = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function ($fd, $what) use (&$runs, &$ev) {
    $runs++;
    echo "run $runs: fd=$fd what=$what pending=", var_export($ev->pending, true), "\n";
    if ($runs === 3) {
        var_dump($ev->del());
    }
});
var_dump($ev->add(0.001));
var_dump($base->loop());
var_dump($runs, $ev->pending);
?>
--EXPECT--
bool(true)
run 1: fd=-1 what=1 pending=true
run 2: fd=-1 what=1 pending=true
run 3: fd=-1 what=1 pending=true
bool(true)
bool(true)
int(3)
bool(false)
