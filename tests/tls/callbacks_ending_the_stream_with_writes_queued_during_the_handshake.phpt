--TEST--
TLS: bytes written during the handshake wait for it; when onSecure or onConnect then closes the stream, frees the base or throws, they are dropped with the stream (never flushed into a closed stream or engine), onClose comes exactly once and nothing crashes or leaks
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';

// 4 MiB: more than the socket buffers take, so some of it is still queued whatever close() sends.
$big = str_repeat("0123456789abcdef", 262144);

function scenario(string $what, Closure $act, string $where, string $big): void
{
    $base = new EventBase();
    $log = [];
    $thrown = null;
    if ($where === 'onSecure') {
        [$x, $y] = as_pair($base);
        // The server side completes its handshake and then reads nothing.
        $y->startTls(tls_server_opts(['server' => true]), function ($y) { $y->pause(); });
        $client = $x;
        $client->startTls(tls_client_opts(['peer_name' => 'localhost']), function ($x) use ($act, $base, &$log) {
            $log[] = "onSecure";
            $act($x, $base);
            $log[] = "after act";
        });
        unset($x);
    } else {
        $srv = tls_server($base, [], function (AsyncStream $c) { $c->pause(); });
        $client = AsyncStream::connect($base, tls_addr($srv), ['tls' => tls_client_opts()]);
        $client->onConnect(function ($s) use ($act, $base, &$log) {
            $log[] = "onConnect";
            $act($s, $base);
            $log[] = "after act";
        });
    }
    $client->onClose(function ($s, $e) use (&$log) { $log[] = "onClose(" . ($e ? get_class($e) : "null") . ")"; });
    // Queued behind the handshake: write() before it is done.
    $client->write($big);
    $client->write("tail");
    $queued = $client->getWriteBufferSize() >= strlen($big);
    $done = function () use (&$log, $what) {
        return in_array("after act", $log, true) && ($what === 'throw' ? true : count(preg_grep('/onClose/', $log)) === 1);
    };
    try {
        if ($what === 'EventBase::free()') {
            $dog = Event::timer($base, function () use ($base) { echo "WATCHDOG\n"; $base->stop(); });
            $dog->add(tls_limit());
            $base->loop();
        } else {
            tls_run_until($base, $done);
        }
    } catch (Exception $e) {
        $thrown = $e->getMessage();
    }
    if ($what === 'throw') {
        $client->close();
        $log[] = "closed after the exception";
    }
    if (isset($srv)) {
        try { $srv->close(); } catch (Error $e) {}
    }
    echo str_pad("$what in $where:", 28), $queued ? "queued, " : "NOT QUEUED, ", implode(", ", $log),
        $thrown !== null ? "; loop() threw: $thrown" : "", "\n";
}

foreach (['onSecure', 'onConnect'] as $where) {
    scenario("close()", fn($s) => $s->close(), $where, $big);
    scenario("EventBase::free()", fn($s, $base) => $base->free(), $where, $big);
    scenario("throw", function ($s) { throw new Exception("from the callback"); }, $where, $big);
}
echo "done\n";
?>
--EXPECT--
close() in onSecure:        queued, onSecure, onClose(null), after act
EventBase::free() in onSecure:queued, onSecure, onClose(null), after act
throw in onSecure:          queued, onSecure, onClose(null), closed after the exception; loop() threw: from the callback
close() in onConnect:       queued, onConnect, onClose(null), after act
EventBase::free() in onConnect:queued, onConnect, onClose(null), after act
throw in onConnect:         queued, onConnect, onClose(null), closed after the exception; loop() threw: from the callback
done
