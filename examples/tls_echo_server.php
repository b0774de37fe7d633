<?php
/*
 * A TLS echo server on AsyncStreamServer: every byte a client sends comes back, over TLS.
 * onConnection runs only for clients whose handshake succeeded; failed handshakes (and
 * clients that never start one within handshake_timeout) go to onError.
 *
 *   php -d extension=asyncstream examples/tls_echo_server.php CERT.pem [address] [seconds] [handshake_timeout]
 *   php -d extension=asyncstream examples/tls_echo_server.php server.pem tls://127.0.0.1:7443
 *
 * CERT.pem holds the certificate chain and its private key. Prints "listening on
 * ADDRESS" (port 0 picks a free port). Stops on SIGTERM/SIGINT, or after SECONDS when
 * given, and prints what it saw.
 */
$cert = $argv[1] ?? null;
$address = $argv[2] ?? 'tls://127.0.0.1:7443';
$seconds = (float)($argv[3] ?? 0);
$handshakeTimeout = (float)($argv[4] ?? 10);  // a client that has not finished its handshake by then is dropped
if ($cert === null) {
    fwrite(STDERR, "usage: php tls_echo_server.php CERT.pem [tls://HOST:PORT] [seconds] [handshake_timeout]\n");
    exit(2);
}

$base = new EventBase();
$conns = [];
$stats = ['connections' => 0, 'bytes' => 0, 'failed handshakes' => 0];

$server = new AsyncStreamServer($base, $address, function (AsyncStream $conn) use (&$conns, &$stats) {
    $stats['connections']++;
    $id = spl_object_id($conn);
    $conns[$id] = $conn;
    $tls = $conn->getTlsInfo();
    echo "client ", $conn->getRemoteAddress(), ": ", $tls['protocol'], " ", $tls['cipher'], "\n";
    $conn->onData(function (AsyncStream $c, string $data) use (&$stats) {
        $stats['bytes'] += strlen($data);
        if (!$c->write($data)) {
            $c->pause();                  // the client reads slower than it writes: stop reading
        }
    });
    $conn->onDrain(fn(AsyncStream $c) => $c->resume());
    $conn->onEnd(fn(AsyncStream $c) => $c->end());   // close_notify, then FIN
    $conn->onClose(function (AsyncStream $c, ?AsyncStreamException $e) use (&$conns, $id) {
        if ($e) {
            fwrite(STDERR, $e->getMessage() . "\n");
        }
        unset($conns[$id]);
    });
}, ['tls' => ['local_cert' => $cert, 'handshake_timeout' => $handshakeTimeout]]);
$server->onError(function (AsyncStreamServer $s, AsyncStreamException $e) use (&$stats) {
    $stats['failed handshakes']++;
    fwrite(STDERR, $e->getMessage() . "\n");
});

$stop = function () use ($base, $server, &$conns) {
    $server->close();
    foreach ($conns as $c) {
        $c->close();
    }
    $base->stop();
};
$sigterm = Event::signal($base, SIGTERM, $stop);
$sigint = Event::signal($base, SIGINT, $stop);
$sigterm->add();
$sigint->add();
if ($seconds > 0) {
    $timer = Event::timer($base, $stop);
    $timer->add($seconds);
}
echo "listening on ", $server->getAddress(), "\n";
$base->loop();
printf("tls echo server: stopped after %d connections, %d bytes echoed, %d failed handshakes\n",
    $stats['connections'], $stats['bytes'], $stats['failed handshakes']);
