<?php
/*
 * The echo server scripts/soak.sh puts under load: AsyncStreamServer + AsyncStream, with
 * backpressure (pause when write() says the buffer is full, resume on drain).
 * Prints "PID ADDRESS" once listening; stops on SIGTERM; exits 1 on any stream error.
 */
$base = new EventBase();
$errors = 0;
$conns = []; // a connection nobody references is closed (docs/api-stream.md, "Lifetime")
$server = new AsyncStreamServer($base, '127.0.0.1:0', function (AsyncStream $c) use (&$errors, &$conns) {
    $conns[spl_object_id($c)] = $c;
    $c->onData(function (AsyncStream $c, string $data) {
        if (!$c->write($data)) {
            $c->pause();
        }
    });
    $c->onDrain(fn(AsyncStream $c) => $c->resume());
    $c->onEnd(fn(AsyncStream $c) => $c->end());
    $c->onClose(function (AsyncStream $c, ?AsyncStreamException $e) use (&$errors, &$conns) {
        unset($conns[spl_object_id($c)]);
        if ($e && $e->getCode() !== SOCKET_ECONNRESET) {
            $errors++;
            fwrite(STDERR, "server: stream error: " . $e->getMessage() . "\n");
        }
    });
}, ['backlog' => 65535]);
$server->onError(function ($s, AsyncStreamException $e) use (&$errors) {
    $errors++;
    fwrite(STDERR, "server: accept error: " . $e->getMessage() . "\n");
});
$term = Event::signal($base, SIGTERM, fn() => $base->stop());
$term->add();
echo getmypid(), ' ', $server->getAddress(), "\n";
$base->loop();
$server->close();
fwrite(STDERR, "server: stopped, $errors errors\n");
exit($errors ? 1 : 0);
