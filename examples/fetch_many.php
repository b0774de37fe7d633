<?php
/*
 * A concurrent client on AsyncStream: fetches "/" from many HTTP servers at once, each
 * with its own connect timeout, all under one overall deadline, and prints one line per
 * server in the order given. Nothing waits for anything else: a dead or slow server only
 * costs its own timeout.
 *
 *   php -d extension=asyncstream examples/fetch_many.php TIMEOUT ADDRESS...
 *   php -d extension=asyncstream examples/fetch_many.php 2.5 127.0.0.1:8080 localhost:8081 unix:///run/app.sock
 *
 * Exit status 0 when every server answered, 1 otherwise.
 */
$timeout = (float)($argv[1] ?? 0);
$addresses = array_slice($argv, 2);
if ($timeout <= 0 || !$addresses) {
    fwrite(STDERR, "usage: php fetch_many.php TIMEOUT_SECONDS ADDRESS...\n");
    exit(2);
}
$base = new EventBase();
$results = array_fill_keys(array_keys($addresses), null);
$streams = [];
$responses = [];
$open = count($addresses);
$deadline = null;
$start = microtime(true);

foreach ($addresses as $i => $address) {
    $responses[$i] = '';
    $s = AsyncStream::connect($base, $address, ['timeout' => $timeout]);
    $s->setTimeout($timeout);                     // no byte for that long once connected: give up
    $s->onConnect(fn(AsyncStream $s) => $s->end("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"));
    $s->onData(function (AsyncStream $s, string $data) use ($i, &$responses) {
        $responses[$i] .= $data;
    });
    $s->onClose(function (AsyncStream $s, ?AsyncStreamException $e) use ($i, &$results, &$responses, $start, &$open, &$deadline) {
        $response = $responses[$i];
        if (--$open === 0) {
            $deadline?->del();                    // all done: nothing keeps the loop running
        }
        $ms = (int)round((microtime(true) - $start) * 1000);
        if ($e) {
            $results[$i] = "failed after {$ms} ms: " . $e->getMessage();
        } elseif ($response === '' || !str_contains($response, "\r\n\r\n")) {
            $results[$i] = "failed after {$ms} ms: incomplete response (" . strlen($response) . " bytes)";
        } else {
            [$head, $body] = explode("\r\n\r\n", $response, 2);
            $results[$i] = strtok($head, "\r\n") . ", " . strlen($body) . " bytes of body in {$ms} ms";
        }
    });
    $streams[$i] = $s;
}
// The overall deadline: whatever is still open then is closed (its onClose says so).
$deadline = Event::timer($base, function () use (&$streams, &$results) {
    foreach ($streams as $i => $s) {
        if (!$s->isClosed()) {
            $s->close();
            $results[$i] = "failed: no complete answer within the overall deadline";
        }
    }
});
$deadline->add($timeout * 2);
$base->loop();                                    // returns as soon as every stream is closed

$ok = true;
foreach ($addresses as $i => $address) {
    echo "$address: {$results[$i]}\n";
    $ok = $ok && !str_starts_with($results[$i], 'failed');
}
exit($ok ? 0 : 1);
