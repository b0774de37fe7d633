--TEST--
EventBase: getTimeOfDayCached() stays fixed inside a callback until updateCacheTime(), unless NO_CACHE_TIME
--FILE--
<?php
function spin(float $seconds): void {
    $end = hrtime(true) + (int)($seconds * 1e9);
    while (hrtime(true) < $end);
}
$base = new EventBase();
$ev = Event::timer($base, function () use ($base) {
    $t1 = $base->getTimeOfDayCached();
    var_dump(abs($t1 - microtime(true)) < 5);
    spin(0.02);
    var_dump($base->getTimeOfDayCached() === $t1);
    var_dump($base->updateCacheTime());
    var_dump($base->getTimeOfDayCached() - $t1 >= 0.015);
});
$ev->add(0);
$base->loop();

$cfg = new EventConfig();
$cfg->setFlags(EventBase::NO_CACHE_TIME);
$base = new EventBase($cfg);
$ev = Event::timer($base, function () use ($base) {
    $t1 = $base->getTimeOfDayCached();
    spin(0.02);
    var_dump($base->getTimeOfDayCached() - $t1 >= 0.015);
});
$ev->add(0);
$base->loop();
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
