--TEST--
AsyncStreamServer: option max_connections stops accepting at the limit without spinning (the process stays idle, the others wait in the kernel's queue) and accepting resumes as soon as one of its connections closes
--FILE--
<?php
/* Runs the loop until $cond() holds (bounded: 10 s). */
function run_until(EventBase $base, callable $cond): void
{
    $deadline = microtime(true) + 10;
    $tick = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, fn () => null);
    $tick->add(0.05); // so that LOOP_ONCE returns to check $cond() even when nothing happens
    while (!$cond() && microtime(true) < $deadline) {
        $base->loop(EventBase::LOOP_ONCE);
    }
    $tick->free();
}
/* Runs the loop for $s seconds: the window in which something that must not happen would. */
function run_for(EventBase $base, float $s): void
{
    $stop = Event::timer($base, fn () => $base->stop());
    $stop->add($s);
    $base->loop();
    $stop->free();
}
function cpu(): float { $r = getrusage(); return $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6 + $r['ru_stime.tv_sec'] + $r['ru_stime.tv_usec'] / 1e6; }

$base = new EventBase();
$accepted = [];
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c) use (&$accepted) {
    $accepted[] = $c;
    $c->write("welcome " . count($accepted) . "\n");
}, ['max_connections' => 2]);

$clients = [];
$lines = [];
for ($i = 0; $i < 5; $i++) {
    $clients[$i] = AsyncStream::connect($base, $server->getAddress())
        ->setFraming(AsyncStream::FRAME_DELIMITER, "\n")
        ->onData(function ($c, $line) use (&$lines, $i) { $lines[$i] = $line; });
}
// All five complete the TCP handshake (the kernel queues them); the server takes two.
run_until($base, fn () => count(array_filter($clients, fn ($c) => $c->isConnected())) === 5 && count($lines) === 2);
run_for($base, 0.2);
echo count($accepted), " accepted, isListening: ", var_export($server->isListening(), true), "\n";

// At the limit the listening socket is not watched: half a second of loop costs no CPU.
$c0 = cpu();
$t0 = microtime(true);
run_for($base, 0.5);
$wall = microtime(true) - $t0;
$used = cpu() - $c0;
echo $used < 0.1 * $wall ? "idle at the limit\n" : "busy at the limit: {$used}s CPU in {$wall}s\n";
echo count($accepted), " accepted\n";

// One accepted connection closes: exactly one more is accepted.
$accepted[0]->close();
run_until($base, fn () => count($lines) === 3);
run_for($base, 0.2);
echo count($accepted), " accepted\n";

// A client giving up (its accepted side sees EOF and ends) frees a slot too.
$accepted[1]->onEnd(fn ($c) => $c->end());
foreach ($clients as $i => $c) {
    if (($lines[$i] ?? '') === 'welcome 2') { $c->end(); }
}
run_until($base, fn () => count($lines) === 4);
run_for($base, 0.2);
echo count($accepted), " accepted\n";

// pause() at the limit, then a close: nothing is accepted until resume().
$server->pause();
$accepted[2]->close();
run_for($base, 0.3);
echo count($accepted), " accepted while paused\n";
$server->resume();
run_until($base, fn () => count($lines) === 5);
echo count($accepted), " accepted after resume\n";
ksort($lines);
echo implode(",", $lines), "\n";

// Invalid values.
foreach ([-1, "2", 1.5, 2 ** 33] as $bad) {
    try {
        new AsyncStreamServer($base, "127.0.0.1:0", fn () => null, ['max_connections' => $bad]);
        echo "accepted ", var_export($bad, true), "\n";
    } catch (Throwable $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
$server->close();
foreach ($clients as $c) $c->close();
foreach ($accepted as $c) $c->close();
?>
--EXPECT--
2 accepted, isListening: true
idle at the limit
2 accepted
3 accepted
4 accepted
4 accepted while paused
5 accepted after resume
welcome 1,welcome 2,welcome 3,welcome 4,welcome 5
ValueError: AsyncStreamServer::__construct(): Argument #4 ($options) option "max_connections" must be between 0 (no limit) and 4294967295, -1 given
TypeError: AsyncStreamServer::__construct(): Argument #4 ($options) option "max_connections" must be of type int, string given
TypeError: AsyncStreamServer::__construct(): Argument #4 ($options) option "max_connections" must be of type int, float given
ValueError: AsyncStreamServer::__construct(): Argument #4 ($options) option "max_connections" must be between 0 (no limit) and 4294967295, 8589934592 given
