<?php
/*
 * An echo server on AsyncStreamServer: every byte a client sends comes back.
 *
 *   php -d extension=asyncstream examples/echo_server.php [address] [seconds]
 *   php -d extension=asyncstream examples/echo_server.php tcp://127.0.0.1:7000
 *
 * Prints "listening on ADDRESS" (port 0 picks a free port). Stops on SIGTERM/SIGINT, or
 * after SECONDS when given, and prints what it saw.
 */
$address = $argv[1] ?? 'tcp://127.0.0.1:7000';
$seconds = (float)($argv[2] ?? 0);

$base = new EventBase();
$conns = [];                  // open connections, to close them on SIGTERM (the loop keeps them open anyway)
$stats = ['connections' => 0, 'bytes' => 0];

$server = new AsyncStreamServer($base, $address, function (AsyncStream $conn) use (&$conns, &$stats) {
    $stats['connections']++;
    $id = spl_object_id($conn);
    $conns[$id] = $conn;
    $conn->onData(function (AsyncStream $c, string $data) use (&$stats) {
        $stats['bytes'] += strlen($data);
        if (!$c->write($data)) {
            $c->pause();                  // the client reads slower than it writes: stop reading
        }
    });
    $conn->onDrain(fn(AsyncStream $c) => $c->resume());
    $conn->onEnd(fn(AsyncStream $c) => $c->end());   // the client is done: finish our side too
    $conn->onClose(function (AsyncStream $c, ?AsyncStreamException $e) use (&$conns, $id) {
        if ($e) {
            fwrite(STDERR, $e->getMessage() . "\n");
        }
        unset($conns[$id]);
    });
});
$server->onError(fn($s, AsyncStreamException $e) => fwrite(STDERR, $e->getMessage() . "\n"));

$stop = function () use ($base, $server, &$conns) {
    $server->close();
    foreach ($conns as $c) {
        $c->close();
    }
    $base->stop();
};
$term = Event::signal($base, SIGTERM, $stop);
$int = Event::signal($base, SIGINT, $stop);
$term->add();
$int->add();
if ($seconds > 0) {
    $deadline = Event::timer($base, $stop);
    $deadline->add($seconds);
}

echo "listening on ", $server->getAddress(), "\n";
$base->loop();
echo "echo server: stopped after {$stats['connections']} connections, {$stats['bytes']} bytes echoed\n";
