--TEST--
Faults: half-close in each direction: the side that did not end keeps sending, every byte arrives before onEnd, both sides close cleanly once
--FILE--
<?php
$n = getenv('USE_ZEND_ALLOC') === '0' ? 200000 : 3000000;
foreach (['client ends first', 'server ends first'] as $case) {
    $base = new EventBase();
    $log = [];
    $conns = [];
    $srv = new AsyncStreamServer($base, '127.0.0.1:0', function (AsyncStream $s) use (&$conns, &$log, $case, $n) {
        $conns[] = $s;
        $got = 0;
        $s->onData(function ($s, $d) use (&$got) { $got += strlen($d); });
        $s->onEnd(function (AsyncStream $s) use (&$got, &$log, $case, $n) {
            $log[] = "server onEnd after $got bytes";
            if ($case === 'client ends first') {
                $s->write(str_repeat('s', $n)); // the other direction is still open
                $s->end();
            }
        });
        $s->onClose(function ($s, $e) use (&$log) { $log[] = 'server onClose ' . ($e ? $e->getMessage() : 'null'); });
        if ($case === 'server ends first') {
            $s->end(str_repeat('s', $n));
        }
    });
    $c = AsyncStream::connect($base, $srv->getAddress());
    $got = 0;
    $c->onData(function ($c, $d) use (&$got) { $got += strlen($d); });
    $c->onEnd(function (AsyncStream $c) use (&$got, &$log, $case, $n) {
        $log[] = "client onEnd after $got bytes";
        if ($case === 'server ends first') {
            $c->write(str_repeat('c', $n));
            $c->end();
        }
    });
    $c->onClose(function ($c, $e) use (&$log, $base, &$conns) {
        $log[] = 'client onClose ' . ($e ? $e->getMessage() : 'null');
    });
    if ($case === 'client ends first') {
        $c->end(str_repeat('c', $n));
    }
    $guard = Event::timer($base, fn() => $base->stop());
    $guard->add(30);
    $done = Event::timer($base, function () use ($c, &$conns, $base, &$done) {
        if ($c->isClosed() && $conns && $conns[0]->isClosed()) { $base->stop(); } else { $done->add(0.01); }
    });
    $done->add(0.01);
    $base->loop();
    sort($log);
    echo "$case:\n  ", str_replace((string)$n, 'N', implode("\n  ", $log)), "\n";
    $srv->close();
}
?>
--EXPECT--
client ends first:
  client onClose null
  client onEnd after N bytes
  server onClose null
  server onEnd after N bytes
server ends first:
  client onClose null
  client onEnd after N bytes
  server onClose null
  server onEnd after N bytes
