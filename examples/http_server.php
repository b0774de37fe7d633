<?php
/*
 * An HTTP/1.1 "hello" server on AsyncStreamServer with keep-alive and pipelining: a
 * client may send several requests back to back on one connection; each gets its
 * response, in order. HTTP/1.0 and "Connection: close" close after the response.
 *
 *   php -d extension=asyncstream examples/http_server.php [address] [seconds]
 *   php -d extension=asyncstream examples/http_server.php tcp://127.0.0.1:8080
 *   curl http://127.0.0.1:8080/hello
 *
 * Prints "listening on ADDRESS" (port 0 picks a free port). Stops on SIGTERM/SIGINT, or
 * after SECONDS when given, and prints how many requests it served.
 */
$address = $argv[1] ?? 'tcp://127.0.0.1:8080';
$seconds = (float)($argv[2] ?? 0);

$base = new EventBase();
$conns = [];
$stats = ['connections' => 0, 'requests' => 0];

/** One response for one request head; returns false when the connection must close after it. */
function respond(AsyncStream $c, string $head, int $n): bool
{
    $lines = explode("\r\n", $head);
    if (!preg_match('#^([A-Z]+) (\S+) HTTP/(1\.[01])$#', $lines[0], $m)) {
        $c->end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return false;
    }
    [, $method, $path, $version] = $m;
    $connection = '';
    foreach (array_slice($lines, 1) as $line) {
        if (stripos($line, 'connection:') === 0) {
            $connection = strtolower(trim(substr($line, 11)));
        }
    }
    $keepAlive = $version === '1.1' ? $connection !== 'close' : $connection === 'keep-alive';
    $body = "hello from asyncstream: $method $path (request $n on this connection)\n";
    $response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " . strlen($body) . "\r\n"
        . ($keepAlive ? "" : "Connection: close\r\n") . "\r\n" . ($method === 'HEAD' ? '' : $body);
    if ($keepAlive) {
        $c->write($response);
    } else {
        $c->end($response);                       // flush, then FIN
    }
    return $keepAlive;
}

$server = new AsyncStreamServer($base, $address, function (AsyncStream $conn) use (&$conns, &$stats) {
    $stats['connections']++;
    $id = spl_object_id($conn);
    $conns[$id] = $conn;
    $n = 0;
    $conn->setTimeout(30);                        // idle keep-alive connections do not stay forever
    // One frame per request head; these requests have no body (GET/HEAD).
    $conn->setFraming(AsyncStream::FRAME_DELIMITER, "\r\n\r\n");
    $conn->onData(function (AsyncStream $c, string $head) use (&$n, &$stats) {
        $stats['requests']++;
        if (!respond($c, $head, ++$n)) {
            $c->pause();                          // ignore anything pipelined after a closing request
        }
    });
    $conn->onEnd(fn(AsyncStream $c) => $c->end());
    $conn->onClose(function () use (&$conns, $id) {
        unset($conns[$id]);
    });
});

$stop = function () use ($base, $server, &$conns) {
    $server->close();
    foreach ($conns as $c) {
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
echo "http server: stopped after {$stats['connections']} connections, {$stats['requests']} requests\n";
