<?php
/*
 * Timer benchmark: 100k one-shot Event::timer()s with random delays (0..100 ms), then
 * 10k periodic ones (PERSIST, random 1..20 ms periods) that each run 10 times.
 * Prints one RESULT line per part: µs of CPU per timer scheduled+fired, and peak memory.
 *
 *   php -d extension=/abs/asyncstream.so bench/timers.php [oneshot=100000] [periodic=10000]
 */
declare(strict_types=1);

$nOneShot = (int)($argv[1] ?? 100000);
$nPeriodic = (int)($argv[2] ?? 10000);
mt_srand(42);

function cpu_seconds(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6 + $r['ru_stime.tv_sec'] + $r['ru_stime.tv_usec'] / 1e6;
}

// --- one-shot timers
$base = new EventBase();
$fired = 0;
$onFire = static function () use (&$fired): void {
    $fired++;
};
$timers = [];
memory_reset_peak_usage();
$mem0 = memory_get_usage();
$cpu0 = cpu_seconds();
$t0 = microtime(true);
for ($i = 0; $i < $nOneShot; $i++) {
    $ev = Event::timer($base, $onFire);
    $ev->add(mt_rand(0, 100000) / 1e6);
    $timers[] = $ev;
}
$base->loop();
$cpu = cpu_seconds() - $cpu0;
$wall = microtime(true) - $t0;
$peak = memory_get_peak_usage() - $mem0;
printf("RESULT bench=timers part=oneshot timers=%d fired=%d cpu_s=%.3f wall_s=%.3f us_per_timer=%.3f peak_bytes_per_timer=%d\n",
    $nOneShot, $fired, $cpu, $wall, $cpu * 1e6 / max(1, $fired), intdiv($peak, max(1, $nOneShot)));
$timers = [];
$base->free();

// --- periodic timers, 10 runs each
$base = new EventBase();
$runs = 0;
$timers = [];
memory_reset_peak_usage();
$mem0 = memory_get_usage();
$cpu0 = cpu_seconds();
$t0 = microtime(true);
for ($i = 0; $i < $nPeriodic; $i++) {
    $ev = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, static function ($fd, $what, $state) use (&$runs): void {
        $runs++;
        if (++$state->n === 10) {
            $state->ev->free();
        }
    }, $state = new stdClass());
    $state->n = 0;
    $state->ev = $ev;
    $ev->add(mt_rand(1000, 20000) / 1e6);
}
unset($state, $ev);
$base->loop();
$cpu = cpu_seconds() - $cpu0;
$wall = microtime(true) - $t0;
$peak = memory_get_peak_usage() - $mem0;
printf("RESULT bench=timers part=periodic timers=%d fired=%d cpu_s=%.3f wall_s=%.3f us_per_timer=%.3f peak_bytes_per_timer=%d\n",
    $nPeriodic, $runs, $cpu, $wall, $cpu * 1e6 / max(1, $runs), intdiv($peak, max(1, $nPeriodic)));
exit($fired === $nOneShot && $runs === $nPeriodic * 10 ? 0 : 1);
