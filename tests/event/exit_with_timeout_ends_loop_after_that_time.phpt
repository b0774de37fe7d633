--TEST--
EventBase: exit(0.05) ends a busy loop after 50 ms, not before
--FILE--
<?php
$base = new EventBase();
$ticks = 0;
$tick = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use (&$ticks) { $ticks++; });
$tick->add(0.001);
$start = hrtime(true);
var_dump($base->exit(0.05));
var_dump($base->loop());
$elapsed = (hrtime(true) - $start) / 1e9;
// libevent measures with CLOCK_MONOTONIC_COARSE (one jiffy, up to 4 ms at HZ=250, behind
// hrtime's clock), so "not before 50 ms" is checked to that resolution.
var_dump($elapsed >= 0.045, $elapsed < 10);
var_dump($ticks > 0, $base->gotExit(), $tick->pending);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
