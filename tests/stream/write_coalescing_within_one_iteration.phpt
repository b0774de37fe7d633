--TEST--
AsyncStream: inside the loop, the first write of an iteration goes out at once and later writes to the same stream in that iteration leave together at its end; close() and end() keep them
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
$dog = as_watchdog($base);
[$a, $b] = as_pair($base);
[$c, $d] = as_pair($base);
$recv = ['b' => '', 'd' => ''];
$b->onData(function ($s, $x) use (&$recv) { $recv['b'] .= $x; });
$d->onData(function ($s, $x) use (&$recv) { $recv['d'] .= $x; })
  ->onEnd(function ($s) use (&$recv, &$phase, $base) {
      $recv['d'] .= "<EOF>";
      $s->close();
      if (++$phase === 2) $base->stop();
  });
$phase = 0;
$t = Event::timer($base, function () use ($a, $b, $c) {
    $a->write("first;");
    echo "after the first write: queued ", $a->getWriteBufferSize(), "\n";       // written at once
    for ($i = 2; $i <= 100; $i++) {
        $a->write("line $i;");
    }
    echo "after 100 writes: queued ", $a->getWriteBufferSize() > 0 ? "the other 99" : "nothing", "\n";
    // close() right after writes: what was coalesced is still sent (as without coalescing).
    $c->write("x;");
    $c->write("y;");
    $c->end("z;");
});
$t->add(0);
$check = Event::timer($base, function () use ($a, &$phase, $base) {
    echo "next iteration: queued ", $a->getWriteBufferSize(), "\n";
    if (++$phase === 2) $base->stop();            // and the ended stream's EOF arrived
});
$check->add(0.2);
$base->loop();
$expect = "first;" . implode("", array_map(fn($i) => "line $i;", range(2, 100)));
echo "peer got all 100 in order: ", var_export($recv['b'] === $expect, true), "\n";
echo "ended stream: ", $recv['d'], "\n";

// close() right after two writes sends both (what the socket takes).
[$e, $f] = as_pair($base);
$fr = '';
$f->onData(function ($s, $x) use (&$fr) { $fr .= $x; })->onEnd(fn($s) => $s->close());
$t2 = Event::timer($base, function () use ($e) { $e->write("one;"); $e->write("two;"); $e->close(); });
$t2->add(0);
$stop = Event::timer($base, fn() => $base->stop());
$stop->add(0.2);
$base->loop();
echo "after close(): ", $fr, "\n";
$dog->del();
$a->close(); $b->close();
?>
--EXPECT--
after the first write: queued 0
after 100 writes: queued the other 99
next iteration: queued 0
peer got all 100 in order: true
ended stream: x;y;z;<EOF>
after close(): one;two;
