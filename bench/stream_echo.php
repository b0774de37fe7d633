<?php
/*
 * TCP echo server on AsyncStreamServer + AsyncStream, for ../shared/bench/run.sh:
 *
 *   php -d extension=/abs/asyncstream.so bench/stream_echo.php PORT
 *
 * Listens on 127.0.0.1:PORT, echoes every chunk, pauses reading while the peer does not
 * take the echo (write() returned false) and resumes on drain; exits on SIGTERM/SIGINT.
 */
declare(strict_types=1);

$port = (int)($argv[count($argv) - 1] ?? 0);
if ($port <= 0 || $port > 65535) {
    fwrite(STDERR, "usage: php stream_echo.php PORT\n");
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
$server = new AsyncStreamServer($base, "127.0.0.1:$port", static function (AsyncStream $conn) use ($onData, $onDrain): void {
    $conn->onData($onData)->onDrain($onDrain);
});

$stop = static fn () => $base->stop();
$sigterm = Event::signal($base, SIGTERM, $stop);
$sigint = Event::signal($base, SIGINT, $stop);
$sigterm->add();
$sigint->add();
$base->loop();
