--TEST--
AsyncStream: one stream delivers a bounded number of frames per loop iteration (the rest in the next ones, in order), so other events and due timers run in between
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = as_pair($base);
$got = [];
$b->setFraming(AsyncStream::FRAME_DELIMITER, "\n")->onData(function ($s, $f) use (&$got) { $got[] = (int)$f; });
$a->write(implode("\n", range(1, 1000)) . "\n");   // one packet, 1000 frames
$perIteration = [];
$ticks = 0;
$timer = Event::timer($base, function () use (&$ticks, &$timer) { $ticks++; $timer->add(0); });
$timer->add(0);                                   // due at every iteration
for ($i = 0; $i < 2000 && count($got) < 1000; $i++) {   // under load, 4 per iteration at least
    $before = count($got);
    $base->loop(EventBase::LOOP_ONCE);
    $perIteration[] = count($got) - $before;
}
$timer->del();
echo "all delivered in order: ", var_export($got === range(1, 1000), true), "\n";
echo "iterations: ", count($perIteration) >= 1000 / 64 ? "at least 16" : count($perIteration), "\n";
echo "most frames in one iteration: ", max($perIteration) <= 64 ? "at most 64" : max($perIteration), "\n";
echo "the timer ran between the batches: ", var_export($ticks >= 10, true), "\n";

// A burst of a few frames (pipelined requests) is still delivered in one iteration.
$got = [];
$a->write("1\n2\n3\n4\n");
$base->loop(EventBase::LOOP_ONCE);
echo "small burst in one iteration: ", implode(",", $got), "\n";
$a->close();
$b->close();
?>
--EXPECT--
all delivered in order: true
iterations: at least 16
most frames in one iteration: at most 64
the timer ran between the batches: true
small burst in one iteration: 1,2,3,4
