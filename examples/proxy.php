<?php
/*
 * A TCP proxy on AsyncStreamServer + AsyncStream: every connection accepted on LISTEN is
 * forwarded to UPSTREAM, bytes both ways, with backpressure (a fast sender is paused while
 * the other side's write buffer is full) and half-close (an EOF from one side becomes
 * end() on the other; the pair closes when both directions are finished).
 *
 *   php -d extension=asyncstream examples/proxy.php LISTEN UPSTREAM [seconds]
 *   php -d extension=asyncstream examples/proxy.php tcp://127.0.0.1:8000 tcp://127.0.0.1:8080
 *
 * Prints "listening on ADDRESS" (port 0 picks a free port) and one line per closed pair.
 * Stops on SIGTERM/SIGINT, or after SECONDS when given.
 */
[$listen, $upstream, $seconds] = [$argv[1] ?? '', $argv[2] ?? '', (float)($argv[3] ?? 0)];
if ($listen === '' || $upstream === '') {
    fwrite(STDERR, "usage: php proxy.php LISTEN_ADDRESS UPSTREAM_ADDRESS [seconds]\n");
    exit(2);
}
$base = new EventBase();
$pairs = [];          // id => [client, upstream]
$served = 0;

/** Copies everything $from receives to $to, pausing $from while $to is full. */
function pipe_to(AsyncStream $from, AsyncStream $to): void
{
    $from->onData(function (AsyncStream $from, string $data) use ($to) {
        if (!$to->write($data) && !$to->isClosed()) {
            $from->pause();                       // $to is above high_water: stop reading
        }
    });
    $to->onDrain(fn() => $from->resume());
    $from->onEnd(fn() => $to->isClosed() || $to->end());   // half-close: pass the EOF on
}

$server = new AsyncStreamServer($base, $listen, function (AsyncStream $client) use ($base, $upstream, &$pairs, &$served) {
    $id = spl_object_id($client);
    $peer = $client->getRemoteAddress();
    $client->pause();                             // read nothing until upstream is connected
    $up = AsyncStream::connect($base, $upstream, ['timeout' => 10]);
    $pairs[$id] = [$client, $up];
    $up->onConnect(fn() => $client->resume());
    pipe_to($client, $up);
    pipe_to($up, $client);
    $closed = 0;
    $onClose = function (AsyncStream $s, ?AsyncStreamException $e) use ($client, $up, $peer, &$pairs, $id, &$closed, &$served) {
        if ($e) {
            echo "proxy: ", $e->getMessage(), "\n";
            ($s === $up ? $client : $up)->close();  // an error on one side ends the pair
        }
        if (++$closed === 2) {
            $served++;
            echo "proxy: $peer done\n";
            unset($pairs[$id]);
        }
    };
    $client->onClose($onClose);
    $up->onClose($onClose);
});

$stop = function () use ($base, $server, &$pairs) {
    $server->close();
    foreach ($pairs as [$a, $b]) {
        $a->close();
        $b->close();
    }
    $base->stop();
};
$signals = [Event::signal($base, SIGTERM, $stop), Event::signal($base, SIGINT, $stop)];
foreach ($signals as $s) {
    $s->add();
}
if ($seconds > 0) {
    $deadline = Event::timer($base, $stop);
    $deadline->add($seconds);
}

echo "listening on ", $server->getAddress(), " -> $upstream\n";
$base->loop();
echo "proxy: stopped after $served connections\n";
