<?php
/*
 * A load client on AsyncStream: opens CONNS connections to an echo server, ping-pongs a
 * message of SIZE bytes on each for SECONDS seconds, checks every echoed byte, and prints
 * the round trips per second. Used by scripts/demo.sh.
 *
 *   php -d extension=asyncstream examples/load_client.php tcp://127.0.0.1:PORT [conns] [size] [seconds]
 */
[$address, $nconns, $size, $seconds] = [$argv[1] ?? '', max(1, (int)($argv[2] ?? 10)),
    max(1, (int)($argv[3] ?? 64)), (float)($argv[4] ?? 2)];
if ($address === '') {
    fwrite(STDERR, "usage: php load_client.php tcp://HOST:PORT [conns] [size] [seconds]\n");
    exit(2);
}
$base = new EventBase();
$msg = substr(str_repeat(hash('sha256', 'asyncstream'), intdiv($size, 64) + 1), 0, $size);
$roundTrips = 0;
$errors = [];
$connected = 0;
$running = true;
$streams = [];

for ($i = 0; $i < $nconns; $i++) {
    $got = '';
    $s = AsyncStream::connect($base, $address, ['timeout' => 10]);
    $s->onConnect(function (AsyncStream $s) use ($msg, &$connected) {
        $connected++;
        $s->write($msg);
    });
    $s->onData(function (AsyncStream $s, string $data) use (&$got, $msg, &$roundTrips, &$errors, &$running) {
        $got .= $data;
        if (strlen($got) < strlen($msg)) {
            return;                                   // the rest of this echo is still on its way
        }
        if ($got !== $msg) {
            $errors[] = "echo mismatch";
        }
        $roundTrips++;
        $got = '';
        $running ? $s->write($msg) : $s->end();
    });
    $s->onClose(function (AsyncStream $s, ?AsyncStreamException $e) use (&$errors) {
        if ($e) {
            $errors[] = $e->getMessage();
        }
    });
    $streams[] = $s;
}

$start = microtime(true);
$stop = Event::timer($base, function () use (&$running, &$streams) {
    $running = false;                             // streams end after their message in flight
    foreach ($streams as $s) {
        if (!$s->isConnected()) {
            $s->close();
        }
    }
});
$stop->add($seconds);
$base->loop();                                    // returns when every stream has closed
$elapsed = microtime(true) - $start;

printf("client: %d connections x %d B: %d round trips in %.2f s = %.0f round trips/s, %d errors\n",
    $connected, $size, $roundTrips, $elapsed, $roundTrips / max($elapsed, 1e-6), count($errors));
foreach (array_count_values($errors) as $error => $n) {
    fwrite(STDERR, "client: $n x $error\n");
}
exit(!$errors && $roundTrips > 0 ? 0 : 1);
