--TEST--
AsyncStream: random sequences of calls with random arguments end in results or exceptions, never a crash
--FILE--
<?php
declare(strict_types=1);
require __DIR__ . '/fixtures/helpers.php';
mt_srand(20261122);
$values = [null, 0, -1, 1, 7, PHP_INT_MAX, 0.0, -0.5, 1.5, NAN, INF, "", "\n", "x", str_repeat("y", 70000), [], ['x' => 1], true, false];
$pick = fn() => $values[mt_rand(0, count($values) - 1)];
$methods = ['write', 'end', 'close', 'pause', 'resume', 'setFraming', 'setTimeout', 'setNoDelay', 'setKeepAlive',
    'getLocalAddress', 'getRemoteAddress', 'getWriteBufferSize', 'isConnected', 'isClosed',
    'onData', 'onEnd', 'onClose', 'onDrain', 'onConnect'];
$errors = [];
for ($round = 0; $round < 40; $round++) {
    $base = new EventBase();
    [$a, $b] = as_pair($base);
    $streams = [$a, $b];
    if ($round % 4 === 0) {
        $streams[] = AsyncStream::connect($base, "127.0.0.1:9", ['timeout' => 0.01]);
    }
    $cb = function (...$args) use (&$streams, $pick, $methods, $base) {
        $s = $streams[mt_rand(0, count($streams) - 1)];
        $m = $methods[mt_rand(0, count($methods) - 1)];
        try { $s->$m($pick()); } catch (Throwable $e) {}
        if (mt_rand(0, 30) === 0) { try { $base->free(); } catch (Throwable $e) {} }
        if (mt_rand(0, 20) === 0) { unset($streams[0]); $streams = array_values($streams) ?: [$s]; }
    };
    for ($i = 0; $i < 60; $i++) {
        $s = $streams[mt_rand(0, count($streams) - 1)];
        $m = $methods[mt_rand(0, count($methods) - 1)];
        $arg = str_starts_with($m, 'on') && mt_rand(0, 1) ? $cb : $pick();
        $args = $m === 'setFraming' ? [mt_rand(-1, 3), $pick()] : [$arg];
        try {
            $s->$m(...$args);
        } catch (Throwable $e) {
            $errors[get_class($e)] = true;
        }
        if (mt_rand(0, 5) === 0) {
            try { $base->loop(EventBase::LOOP_NONBLOCK); } catch (Throwable $e) { $errors[get_class($e)] = true; }
        }
    }
    try { $base->loop(EventBase::LOOP_NONBLOCK); } catch (Throwable $e) {}
    unset($streams, $a, $b, $s, $cb);
    gc_collect_cycles();
}
ksort($errors);
echo implode(", ", array_keys($errors)), "\n";
echo "done\n";
?>
--EXPECTF--
%sError%s
done
