<?php
/*
 * HTTPS/1.1 keep-alive "Hello, World!" on AsyncStreamServer + AsyncStream, the TLS twin
 * of stream_http.php. Header blocks are framed in C (FRAME_DELIMITER "\r\n\r\n").
 *
 *   php -d extension=/abs/asyncstream.so bench/tls_http.php CERT.pem PORT
 */
declare(strict_types=1);

const HTTP_RESPONSE = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!";
const HTTP_MAX_HEADER = 65536;

$port = (int)($argv[count($argv) - 1] ?? 0);
$cert = $argv[count($argv) - 2] ?? '';
if ($port <= 0 || $port > 65535 || !is_file($cert)) {
    fwrite(STDERR, "usage: php tls_http.php CERT.pem PORT\n");
    exit(2);
}

$base = new EventBase();
$onRequest = static function (AsyncStream $conn, string $headers): void {
    if (!$conn->write(HTTP_RESPONSE)) {
        $conn->pause();
    }
};
$onDrain = static function (AsyncStream $conn): void {
    $conn->resume();
};
$server = new AsyncStreamServer($base, "tls://127.0.0.1:$port",
    static function (AsyncStream $conn) use ($onRequest, $onDrain): void {
        $conn->setFraming(AsyncStream::FRAME_DELIMITER, "\r\n\r\n")->onData($onRequest)->onDrain($onDrain);
    },
    ['max_frame' => HTTP_MAX_HEADER, 'tls' => ['local_cert' => $cert, 'alpn_protocols' => ['http/1.1']]]);
$server->onError(static fn() => null);

$stop = static fn () => $base->stop();
$sigterm = Event::signal($base, SIGTERM, $stop);
$sigint = Event::signal($base, SIGINT, $stop);
$sigterm->add();
$sigint->add();
$base->loop();
