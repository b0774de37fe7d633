--TEST--
AsyncStream: an exception thrown in any callback comes out of loop() unchanged, and no byte is lost
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
foreach (['onConnect', 'onData', 'onDrain', 'onEnd', 'onClose'] as $in) {
    $base = new EventBase();
    $dog = as_watchdog($base);
    if ($in === 'onConnect') {
        $s = AsyncStream::connect($base, $addr);
        $peer = null;
        $acc = as_accept_one($base, $srv, function ($p) use (&$peer) { $peer = $p; });
    } else {
        [$s, $peer] = as_pair($base);
    }
    $thrower = function (string $cb) use ($in) {
        if ($cb === $in) throw new LogicException("from $cb");
    };
    $s->onConnect(fn($s) => $thrower('onConnect'))
      ->onData(fn($s, $d) => $thrower('onData'))
      ->onDrain(fn($s) => $thrower('onDrain'))
      ->onEnd(fn($s) => $thrower('onEnd'))
      ->onClose(fn($s, $e) => $thrower('onClose'));
    switch ($in) {
        case 'onData': $peer->write("x"); break;
        case 'onDrain':
            $peer->onData(fn() => null);
            while ($s->write(str_repeat("x", 1 << 20))) {}
            break;
        case 'onEnd': $peer->end(); break;
        case 'onClose': $s->setTimeout(0.01); break;
    }
    $line = __LINE__ + 2;
    try {
        $base->loop();
        echo "$in: no exception\n";
    } catch (LogicException $e) {
        echo "$in: ", get_class($e), " '", $e->getMessage(), "' previous=", var_export($e->getPrevious(), true), "\n";
    }
    $dog->del();
    $s->close();
    $peer?->close();
    unset($s, $peer, $acc);
}

// onData throwing stops delivery at once; the rest stays buffered and comes with the next loop().
$base = new EventBase();
[$a, $b] = as_pair($base);
$got = [];
$b->setFraming(AsyncStream::FRAME_DELIMITER, "\n")->onData(function ($s, $f) use (&$got) {
    $got[] = $f;
    if ($f === "2") throw new RuntimeException("stop at 2");
});
$a->write("1\n2\n3\n4\n");
try { $base->loop(EventBase::LOOP_ONCE); } catch (RuntimeException $e) { echo $e->getMessage(), ": ", implode(",", $got), "\n"; }
$base->loop(EventBase::LOOP_ONCE);
echo "next loop: ", implode(",", $got), "\n";
?>
--EXPECT--
onConnect: LogicException 'from onConnect' previous=NULL
onData: LogicException 'from onData' previous=NULL
onDrain: LogicException 'from onDrain' previous=NULL
onEnd: LogicException 'from onEnd' previous=NULL
onClose: LogicException 'from onClose' previous=NULL
stop at 2: 1,2
next loop: 1,2,3,4
