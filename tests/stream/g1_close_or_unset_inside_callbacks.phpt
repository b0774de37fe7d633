--TEST--
AsyncStream: close() or unset() inside each of its callbacks is safe (unset does not close an open stream); onClose once, nothing after it
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
foreach (['onConnect', 'onData', 'onDrain', 'onEnd', 'onClose'] as $in) {
    foreach (['close', 'unset'] as $how) {
        $base = new EventBase();
        $dog = as_watchdog($base);
        $log = [];
        $holder = [];
        if ($in === 'onConnect') {
            $s = AsyncStream::connect($base, $addr);
            $peer = null;
            $acc = as_accept_one($base, $srv, function ($p) use (&$peer) { $peer = $p; });
        } else {
            [$s, $peer] = as_pair($base);
        }
        $holder['s'] = $s;
        unset($s);
        $act = function (AsyncStream $s, string $cb) use ($base, $in, $how, &$holder, &$log) {
            $log[] = $cb;
            if ($cb !== $in) return;
            if ($how === 'close') {
                $s->close();
            } else {
                // Dropping our reference is safe and does not close an open stream: the
                // loop owns it. It keeps working until something closes it.
                unset($holder['s']);
                $holder['later'] = Event::timer($base, fn () => $s->close());
                $holder['later']->add(0.01);
            }
            $log[] = "after $how: isClosed=" . var_export($s->isClosed(), true);
        };
        $holder['s']->onConnect(fn($s) => $act($s, 'onConnect'))
            ->onData(fn($s, $d) => $act($s, 'onData'))
            ->onDrain(fn($s) => $act($s, 'onDrain'))
            ->onEnd(fn($s) => $act($s, 'onEnd'))
            ->onClose(function ($s, $e) use ($act, $dog, &$peer) {
                $act($s, 'onClose');
                $dog->del();
                $peer?->close();
            });
        switch ($in) {
            case 'onData': $peer->write("x"); break;
            case 'onDrain':
                $peer->onData(fn() => null);
                while ($holder['s']->write(str_repeat("x", 1 << 20))) {}
                break;
            case 'onEnd': $peer->end(); break;
            case 'onClose':
                $c = new Event($base, -1, Event::TIMEOUT, function () use (&$holder) { $holder['s']->close(); });
                $c->add(0);
                break;
        }
        $base->loop();
        echo str_pad("$in/$how", 16), implode(" | ", $log), "\n";
        unset($peer, $acc, $c);
    }
}
?>
--EXPECT--
onConnect/close onConnect | onClose | after close: isClosed=true
onConnect/unset onConnect | after unset: isClosed=false | onClose
onData/close    onData | onClose | after close: isClosed=true
onData/unset    onData | after unset: isClosed=false | onClose
onDrain/close   onDrain | onClose | after close: isClosed=true
onDrain/unset   onDrain | after unset: isClosed=false | onClose
onEnd/close     onEnd | onClose | after close: isClosed=true
onEnd/unset     onEnd | after unset: isClosed=false | onClose
onClose/close   onClose | after close: isClosed=true
onClose/unset   onClose | after unset: isClosed=true
