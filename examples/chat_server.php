<?php
/*
 * A line-based chat server on AsyncStreamServer that broadcasts with backpressure.
 *
 *   php -d extension=asyncstream examples/chat_server.php [address] [seconds] [slow_timeout]
 *   php -d extension=asyncstream examples/chat_server.php tcp://127.0.0.1:6000
 *   telnet 127.0.0.1 6000      (one per person; type lines, "/quit" to leave)
 *
 * Every line a client sends goes to every other client as "NAME: line". A client that
 * reads slower than the others write fills its write buffer: write() returns false once
 * high_water bytes are queued for it. Then the server stops reading from everybody
 * (pause()), so nothing more is produced, until the slow client's buffer has drained
 * (onDrain), and reading resumes. Memory stays bounded by high_water per client. A
 * client that stays congested for SLOW_TIMEOUT seconds (default 10) is disconnected, so
 * one stuck reader cannot stop the room for ever.
 *
 * Prints "listening on ADDRESS" (port 0 picks a free port), one line per join/leave and
 * per backpressure episode. Stops on SIGTERM/SIGINT, or after SECONDS when given.
 */
$address = $argv[1] ?? 'tcp://127.0.0.1:6000';
$seconds = (float)($argv[2] ?? 0);
$slowTimeout = (float)($argv[3] ?? 10);

$base = new EventBase();
$clients = [];        // id => AsyncStream
$names = [];          // id => name
$congested = [];      // id => true while that client's write buffer is above high_water
$next = 1;
$lines = 0;

$setReading = function (bool $on) use (&$clients) {
    foreach ($clients as $c) {
        $on ? $c->resume() : $c->pause();
    }
};
// Sends to everyone but $from; records who could not take it.
$broadcast = function (string $text, ?int $from = null) use (&$clients, &$congested, $setReading, $base, $slowTimeout) {
    foreach ($clients as $id => $c) {
        if ($id === $from || $c->write($text)) {
            continue;
        }
        if ($c->isClosed() || isset($congested[$id])) {
            continue;
        }
        $congested[$id] = Event::timer($base, function () use ($c) {
            $c->close();                          // still congested after slowTimeout: too slow
        });
        $congested[$id]->add($slowTimeout);
        if (count($congested) === 1) {
            echo "backpressure: a client is slow, reading paused\n";
            $setReading(false);
        }
    }
};
$uncongest = function (int $id) use (&$congested, $setReading) {
    if (!isset($congested[$id])) {
        return;
    }
    $congested[$id]->free();
    unset($congested[$id]);
    if (!$congested) {
        echo "backpressure: drained, reading resumed\n";
        $setReading(true);
    }
};

$server = new AsyncStreamServer($base, $address,
    function (AsyncStream $conn) use (&$clients, &$names, &$congested, &$next, &$lines, $broadcast, $uncongest) {
        $id = spl_object_id($conn);
        $name = "user" . $next++;
        $clients[$id] = $conn;
        $names[$id] = $name;
        if ($congested) {
            $conn->pause();                       // joins a room that is waiting for a slow client
        }
        echo "$name joined\n";
        $conn->write("welcome $name\n");
        $broadcast("* $name joined\n", $id);
        $conn->setFraming(AsyncStream::FRAME_DELIMITER, "\n");
        $conn->onData(function (AsyncStream $c, string $line) use ($id, $name, $broadcast, &$lines) {
            $line = rtrim($line, "\r");
            if ($line === '/quit') {
                $c->end("bye\n");
                return;
            }
            $lines++;
            $broadcast("$name: $line\n", $id);
        });
        $conn->onDrain(fn() => $uncongest($id));
        $conn->onEnd(fn(AsyncStream $c) => $c->end());
        $conn->onClose(function (AsyncStream $c, ?AsyncStreamException $e) use (&$clients, &$names, $id, $name, $broadcast, $uncongest) {
            unset($clients[$id], $names[$id]);
            $uncongest($id);
            echo "$name left", $e ? " (" . $e->getMessage() . ")" : "", "\n";
            $broadcast("* $name left\n");
        });
    });

$stop = function () use ($base, $server, &$clients, &$congested) {
    $server->close();
    foreach ($congested as $t) {
        $t->free();
    }
    $congested = [];
    foreach ($clients as $c) {
        $c->close();
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

echo "listening on ", $server->getAddress(), "\n";
$base->loop();
echo "chat server: stopped after $lines lines\n";
