<?php
/*
 * HTTP/1.1 keep-alive "Hello, World!" on AsyncStreamServer + AsyncStream, for
 * ../shared/bench/run.sh. Header blocks are framed in C (FRAME_DELIMITER "\r\n\r\n"):
 * onData gets one request per call, pipelined ones included.
 *
 *   php -d extension=/abs/asyncstream.so bench/stream_http.php PORT
 */
declare(strict_types=1);

const HTTP_RESPONSE = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!";
const HTTP_MAX_HEADER = 65536;  // a header block longer than this closes the connection (EMSGSIZE)

$port = (int)($argv[count($argv) - 1] ?? 0);
if ($port <= 0 || $port > 65535) {
    fwrite(STDERR, "usage: php stream_http.php PORT\n");
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
$server = new AsyncStreamServer($base, "127.0.0.1:$port",
    static function (AsyncStream $conn) use ($onRequest, $onDrain): void {
        $conn->setFraming(AsyncStream::FRAME_DELIMITER, "\r\n\r\n")->onData($onRequest)->onDrain($onDrain);
    },
    ['max_frame' => HTTP_MAX_HEADER]);

$stop = static fn () => $base->stop();
$sigterm = Event::signal($base, SIGTERM, $stop);
$sigint = Event::signal($base, SIGINT, $stop);
$sigterm->add();
$sigint->add();
$base->loop();
