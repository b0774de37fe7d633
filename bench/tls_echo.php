<?php
/*
 * TLS echo server on AsyncStreamServer + AsyncStream, the TLS twin of stream_echo.php:
 *
 *   php -d extension=/abs/asyncstream.so bench/tls_echo.php CERT.pem PORT
 *
 * Listens on tls://127.0.0.1:PORT with CERT.pem (certificate and key), echoes every
 * chunk, pauses reading while the peer does not take the echo (write() returned false)
 * and resumes on drain; exits on SIGTERM/SIGINT.
 */
declare(strict_types=1);

$port = (int)($argv[count($argv) - 1] ?? 0);
$cert = $argv[count($argv) - 2] ?? '';
if ($port <= 0 || $port > 65535 || !is_file($cert)) {
    fwrite(STDERR, "usage: php tls_echo.php CERT.pem PORT\n");
    exit(2);
}

$base = new EventBase();
$onData = static function (AsyncStream $conn, string $data): void {
    if (!$conn->write($data)) {
        $conn->pause();         // backpressure: stop reading until the echo drains
    }
};
$onDrain = static function (AsyncStream $conn): void {
    $conn->resume();
};
$server = new AsyncStreamServer($base, "tls://127.0.0.1:$port", static function (AsyncStream $conn) use ($onData, $onDrain): void {
    $conn->onData($onData)->onDrain($onDrain);
}, ['tls' => ['local_cert' => $cert]]);
$server->onError(static fn() => null); // failed handshakes (the handshake bench resets connections)

$stop = static fn () => $base->stop();
$sigterm = Event::signal($base, SIGTERM, $stop);
$sigint = Event::signal($base, SIGINT, $stop);
$sigterm->add();
$sigint->add();
$base->loop();
