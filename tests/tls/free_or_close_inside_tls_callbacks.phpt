--TEST--
TLS: close() and EventBase::free() inside onConnect, onSecure and onConnection: onClose exactly once per stream (a connection still in its handshake is never shown to PHP), nothing crashes or leaks
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';

function scenario(string $what, callable $act, string $where): void
{
    $base = new EventBase();
    $log = [];
    $srv = tls_server($base, [], function (AsyncStream $c) use ($act, $where, $base, &$log) {
        $c->onClose(function ($c, $e) use (&$log) { $log[] = "server conn onClose(" . ($e ? get_class($e) : "null") . ")"; });
        if ($where === 'onConnection') {
            $act($c, $base);
            $log[] = "after act in onConnection";
        }
    });
    $s = AsyncStream::connect($base, tls_addr($srv), ['tls' => tls_client_opts()]);
    $s->onClose(function ($s, $e) use (&$log) { $log[] = "client onClose(" . ($e ? get_class($e) : "null") . ")"; });
    if ($where === 'onConnect') {
        $s->onConnect(function ($s) use ($act, $base, &$log) { $act($s, $base); $log[] = "after act in onConnect"; });
    }
    if ($where === 'onSecure') {
        // A plain pair upgraded on both sides; act in the client's onSecure.
        $srv->close();
        [$x, $y] = as_pair($base);
        $s->close();
        $log = [];
        $x->onClose(function ($s, $e) use (&$log) { $log[] = "client onClose(" . ($e ? get_class($e) : "null") . ")"; });
        $y->onClose(function ($s, $e) use (&$log) { $log[] = "server conn onClose(" . ($e ? get_class($e) : "null") . ")"; });
        $y->startTls(tls_server_opts(['server' => true]));
        $x->startTls(tls_client_opts(['peer_name' => 'localhost']), function ($x) use ($act, $base, &$log) {
            $act($x, $base);
            $log[] = "after act in onSecure";
        });
        unset($x, $y);
    }
    unset($s);
    // Until the act ran and every onClose expected came (free() ends the loop by itself).
    $want = str_starts_with($what, 'close') ? 2 : 0;
    $poll = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use ($base, &$log, $where, $want) {
        if (in_array("after act in $where", $log, true) && count(preg_grep('/onClose/', $log)) >= $want) {
            $base->stop();
        }
    });
    $poll->add(0.01);
    $limit = Event::timer($base, function () use ($base) { echo "WATCHDOG\n"; $base->stop(); });
    $limit->add(tls_limit());
    $base->loop();
    if (!str_starts_with($what, 'EventBase')) {
        $poll->del();
        $limit->del();
        $srv->close();
    }
    echo str_pad("$what in $where:", 34), implode(", ", $log), "\n";
}

foreach (['onConnect', 'onSecure', 'onConnection'] as $where) {
    scenario("close()", fn($s) => $s->close(), $where);
    scenario("EventBase::free()", fn($s, $base) => $base->free(), $where);
}
echo "done\n";
?>
--EXPECT--
close() in onConnect:             client onClose(null), after act in onConnect, server conn onClose(null)
EventBase::free() in onConnect:   client onClose(null), after act in onConnect
close() in onSecure:              client onClose(null), after act in onSecure, server conn onClose(null)
EventBase::free() in onSecure:    server conn onClose(null), client onClose(null), after act in onSecure
close() in onConnection:          server conn onClose(null), after act in onConnection, client onClose(null)
EventBase::free() in onConnection:server conn onClose(null), client onClose(null), after act in onConnection
done
