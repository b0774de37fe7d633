--TEST--
AsyncStream: under load (a server, 40 clients streaming lines), every callback makes random calls on random streams (close, end, write, pause, framing, timeouts, $data, var_dump, new connects); no crash, onClose exactly once per stream, the loop ends
--FILE--
<?php
declare(strict_types=1);
require __DIR__ . '/fixtures/helpers.php';
mt_srand(11);
$base = new EventBase();
$pool = [];            // id => stream (server side and client side)
$closes = [];          // id => onClose count
$created = 0;
$ops = 0;
$stopAt = microtime(true) + 2.0;
$chaos = null;         // set below
$track = function (AsyncStream $s) use (&$pool, &$closes, &$created, &$chaos) {
    $id = spl_object_id($s);
    $pool[$id] = $s;
    $closes[$id] = 0;
    $created++;
    $s->data = ['id' => $id];
    $s->onData(function ($s, $d) use (&$chaos) { $chaos($s); })
      ->onDrain(function ($s) use (&$chaos) { $chaos($s); })
      ->onEnd(function ($s) use (&$chaos) { $chaos($s); if (!$s->isClosed()) { $s->end(); } })
      ->onClose(function ($s, $e) use (&$pool, &$closes, &$chaos, $id) {
          $closes[$id]++;
          unset($pool[$id]);
          $chaos($s);
      });
};
$server = new AsyncStreamServer($base, "127.0.0.1:0", fn(AsyncStream $c) => $track($c));
$addr = $server->getAddress();
$chaos = function (AsyncStream $from) use (&$pool, &$ops, $base, $addr, $track, &$stopAt, $server) {
    static $busy = false;
    if ($busy) {
        return;                                      // var_dump below must not recurse
    }
    $busy = true;
    for ($k = 0; $k < 2 && $pool; $k++) {
        $ops++;
        $ids = array_keys($pool);
        $s = $pool[$ids[mt_rand(0, count($ids) - 1)]];
        try {
            switch (mt_rand(0, 13)) {
                case 0: $s->write(str_repeat("z", mt_rand(1, 3000)) . "\n"); break;
                case 1: $s->write(str_repeat("big", 30000)); break;
                case 2: if (mt_rand(0, 3) === 0) { $s->close(); } break;
                case 3: if (mt_rand(0, 3) === 0) { $s->end("bye\n"); } break;
                case 4: $s->pause(); break;
                case 5: $s->resume(); break;
                case 6: $s->setFraming(AsyncStream::FRAME_DELIMITER, "\n"); break;
                case 7: $s->setFraming(AsyncStream::FRAME_FIXED, mt_rand(1, 500)); break;
                case 8: $s->setFraming(AsyncStream::FRAME_NONE); break;
                case 9: $s->setTimeout(mt_rand(0, 1) ? 0.05 : -1); break;
                case 10: $s->data = ['from' => $from]; break;      // cycles through $data (a chain, not a tree: var_dump stays small)
                case 11: ob_start(); var_dump($s); ob_end_clean(); break;
                case 12:
                    if (microtime(true) < $stopAt && count($pool) < 120) {
                        $track(AsyncStream::connect($base, $addr, ['max_write_buffer' => 1 << 20]));
                    }
                    break;
                case 13: $s->getWriteBufferSize(); $s->getRemoteAddress(); break;
            }
        } catch (Error $e) {
            // write()/end() after our own close()/end(): allowed to throw
        }
    }
    $busy = false;
};
for ($i = 0; $i < 40; $i++) {
    $c = AsyncStream::connect($base, $addr);
    $track($c);
    $c->onConnect(function ($c) use (&$chaos) {
        for ($j = 0; $j < 20 && !$c->isClosed(); $j++) {
            try {
                $c->write("line $j from " . spl_object_id($c) . "\n");
            } catch (Error $e) {
                break;                               // a callback ended it meanwhile
            }
        }
        $chaos($c);
    });
}
$tick = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use (&$pool, &$chaos) {
    if ($pool) {
        $chaos(reset($pool));
    }
});
$tick->add(0.01);
$dog = as_watchdog($base, 60);
$end = Event::timer($base, function () use (&$pool, $server, $tick, $dog) {
    $dog->del();
    $server->close();
    $tick->del();
    foreach ($pool as $s) {
        $s->close();
    }
});
$end->add(3.0);
$base->loop();
echo "loop ended; streams open: ", count($pool), "\n";
echo "streams created: ", $created > 40 ? "more than 40" : $created, "\n";
echo "random operations: ", $ops > 100 ? "more than 100" : $ops, "\n";
echo "onClose exactly once for every stream: ", var_export(array_unique(array_values($closes)) === [1], true), "\n";
unset($pool, $track, $chaos);
gc_collect_cycles();
echo "done\n";
?>
--EXPECT--
loop ended; streams open: 0
streams created: more than 40
random operations: more than 100
onClose exactly once for every stream: true
done
