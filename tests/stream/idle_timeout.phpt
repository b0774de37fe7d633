--TEST--
AsyncStream: setTimeout() closes an idle stream with ETIMEDOUT; traffic keeps it open; 0 disables
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
$dog = as_watchdog($base);
[$a, $b] = as_pair($base);
$t0 = microtime(true);
$ticks = 0;
// Traffic every 50 ms for 0.4 s keeps a 1 s idle timeout from expiring; then it expires.
$tick = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use (&$ticks, $b, &$tick) {
    $b->write(".");
    if (++$ticks === 8) $tick->del();
});
$tick->add(0.05);
$a->onData(fn() => null);
$a->setTimeout(1.0)->onClose(function ($s, $e) use ($t0, &$ticks, $dog) {
    $dt = microtime(true) - $t0;
    echo "a: ", as_err($e), " after $ticks ticks\n";
    echo preg_replace('/\d+(\.\d+)?/', 'N', $e->getMessage()), "\n";
    var_dump($dt > 1.3 && $dt < 10);
    $dog->del();
});
$b->onClose(fn($s, $e) => print("b: " . as_err($e) . "\n"));
$base->loop();
// 0 disables it again.
[$c, $d] = as_pair($base);
$c->setTimeout(0.05)->setTimeout(0)->onClose(fn($s, $e) => print("c: " . as_err($e) . "\n"));
$t = Event::timer($base, function () use ($c, $d) { echo "still open: ", var_export(!$c->isClosed(), true), "\n"; $c->close(); $d->close(); });
$t->add(0.2);
$base->loop();
?>
--EXPECT--
a: AsyncStreamException(ETIMEDOUT) after 8 ticks
connection to fd N (unnamed unix socket) idle for N s: Connection timed out
bool(true)
b: null
still open: true
c: null
