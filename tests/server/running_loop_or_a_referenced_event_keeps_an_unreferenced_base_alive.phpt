--TEST--
AsyncStreamServer: the GC never collects a loop that is running, nor one an Event the script keeps still points to: its servers and streams keep working
--FILE--
<?php
$log = [];

// 1. Inside the running loop, drop every variable that holds the base, the server and the
//    streams, and collect: nothing is collected, the exchange completes.
(function () use (&$log) {
    $base = new EventBase();
    $srv = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c, AsyncStreamServer $srv) {
        $srv->close(); // one connection only, so that the loop ends by itself
        $c->onData(fn ($c, $d) => $c->write(strtoupper($d)));
    });
    $cl = AsyncStream::connect($base, $srv->getAddress());
    $cl->onConnect(function (AsyncStream $s) use (&$base, &$srv, &$cl, &$log) {
        $weak = WeakReference::create($base);
        $base = $srv = $cl = null; // only the running loop holds the base now
        gc_collect_cycles();
        $log[] = 'base alive in its loop: ' . var_export($weak->get() !== null, true);
        $s->write("ping");
    })->onData(function (AsyncStream $s, string $d) use (&$log) {
        $log[] = "echo: $d";
        $s->close();
    })->onClose(function ($s, $e) use (&$log) {
        $log[] = 'client closed: ' . ($e ? $e->getMessage() : 'null');
    });
    $base->exit(10.0); // a bound on the test, not an Event (an Event would hold the base)
    $base->loop();
})();
gc_collect_cycles();
echo implode("\n", $log), "\n";

// 2. An Event the script keeps holds its base (ext-event's rule), and so the server too.
function make(): array
{
    $base = new EventBase();
    $srv = new AsyncStreamServer($base, "127.0.0.1:0", fn (AsyncStream $c) => $c->end("hello"));
    $t = Event::timer($base, fn () => null);
    return [$t, $srv->getAddress()];
}
[$timer, $addr] = make();
gc_collect_cycles();
$c = stream_socket_client("tcp://" . substr($addr, 6), $errno, $errstr, 5);
var_dump($c !== false); // still listening: the base is reachable through $timer
fclose($c);
unset($timer);
gc_collect_cycles();
$c = @stream_socket_client("tcp://" . substr($addr, 6), $errno, $errstr, 5);
var_dump($c === false); // collected with the Event's last reference: the port is closed
?>
--EXPECT--
base alive in its loop: true
echo: PING
client closed: null
bool(true)
bool(true)
