<?php
/*
 * A load client on the ext-event compatible API: opens N nonblocking connections to an
 * echo server, ping-pongs a message of SIZE bytes on each for SECONDS seconds, checks
 * every echoed byte, and prints the round trips per second.
 *
 *   php -d extension=asyncstream examples/event_echo_client.php tcp://127.0.0.1:PORT [conns] [size] [seconds]
 */
[$addr, $nconns, $size, $seconds] = [$argv[1] ?? '', (int)($argv[2] ?? 10), (int)($argv[3] ?? 64), (float)($argv[4] ?? 2)];
if ($addr === '') {
    fwrite(STDERR, "usage: php event_echo_client.php tcp://HOST:PORT [conns] [size] [seconds]\n");
    exit(2);
}
$base = new EventBase();
$msg = substr(str_repeat(hash('sha256', 'asyncstream'), intdiv($size, 64) + 1), 0, $size);
$roundTrips = 0;
$errors = 0;
$running = true;
$clients = [];

for ($i = 0; $i < $nconns; $i++) {
    $s = stream_socket_client($addr, $errno, $errstr, 5, STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT);
    if (!$s) {
        fwrite(STDERR, "connect to $addr failed: $errstr\n");
        exit(1);
    }
    stream_set_blocking($s, false);
    stream_set_read_buffer($s, 0);
    $c = new stdClass();
    $c->stream = $s;
    $c->got = '';
    $c->write = new Event($base, $s, Event::WRITE, function ($s) use ($c, $msg) {
        fwrite($s, $msg); // connected: send the first message
    });
    $c->read = new Event($base, $s, Event::READ | Event::PERSIST, function ($s) use ($c, $msg, &$roundTrips, &$errors, &$running) {
        $data = fread($s, 65536);
        if ($data === '' || $data === false) {
            if (feof($s)) {
                $errors++;
                $c->read->free();
            }
            return;
        }
        $c->got .= $data;
        if (strlen($c->got) < strlen($msg)) {
            return;
        }
        if ($c->got !== $msg) {
            $errors++;
        }
        $roundTrips++;
        $c->got = '';
        if ($running) {
            fwrite($s, $msg);
        } else {
            $c->read->free();
        }
    });
    $c->write->add(5);
    $c->read->add();
    $clients[] = $c;
}

$start = microtime(true);
$stop = Event::timer($base, function () use (&$running, $base) {
    $running = false;
    $base->exit(1.0); // let the messages in flight come back
});
$stop->add($seconds);
$base->loop();
$elapsed = microtime(true) - $start;
foreach ($clients as $c) {
    $c->read->free();
    $c->write->free();
    fclose($c->stream);
}
printf("client: %d connections x %d B: %d round trips in %.2f s = %.0f round trips/s, %d errors\n",
    $nconns, $size, $roundTrips, $elapsed, $roundTrips / $elapsed, $errors);
exit($errors === 0 && $roundTrips > 0 ? 0 : 1);
