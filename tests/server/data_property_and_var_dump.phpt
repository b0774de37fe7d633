--TEST--
AsyncStreamServer: $data keeps any value for the application (read/write at any time, reported to the GC, other properties still refused), and var_dump() shows $data, the state, the address and the open connections
--INI--
pcre.jit=0
--FILE--
<?php
$base = new EventBase();
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c, AsyncStreamServer $s) {
    $s->data['accepted']++;
    $c->onClose(function () use ($s) { $s->data['closed']++; });
}, ['max_connections' => 10]);
var_dump($server->data);
$server->data = ['accepted' => 0, 'closed' => 0, 'name' => 'web'];

try {
    $server->other = 1;
} catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}

// Two connections: the count follows them, closing included.
$clients = [AsyncStream::connect($base, $server->getAddress()), AsyncStream::connect($base, $server->getAddress())];
/* Runs the loop until $cond() holds (bounded). */
function run_until(EventBase $base, callable $cond): void
{
    $tick = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use ($base, $cond) {
        if ($cond()) $base->stop();
    });
    $tick->add(0.01);
    $watchdog = Event::timer($base, function () use ($base) { echo "WATCHDOG\n"; $base->stop(); });
    $watchdog->add(10);
    $base->loop();
    $tick->free();
    $watchdog->free();
}
run_until($base, fn () => $server->data['accepted'] === 2);
$dump = function ($o) {
    ob_start();
    var_dump($o);
    echo preg_replace('/127\.0\.0\.1:\d+/', '127.0.0.1:PORT', ob_get_clean());
};
$dump($server);
$clients[0]->close();
run_until($base, fn () => $server->data['closed'] === 1);
$server->pause();
$dump($server);

// $data survives close() and EventBase::free(); unset() leaves it uninitialised, like any typed property.
$server->close();
$base->free();
var_dump($server->data['name']);
unset($server->data);
$dump($server);
$server->data = 'again';
var_dump($server->data);

// A cycle through $data is collected with its (unreachable) base.
function make(): WeakReference
{
    $base = new EventBase();
    $s = new AsyncStreamServer($base, "127.0.0.1:0", fn () => null);
    $s->data = ['self' => $s, 'cb' => function () use ($s) {}];
    return WeakReference::create($s);
}
$w = make();
gc_collect_cycles();
var_dump($w->get());
?>
--EXPECTF--
NULL
Error: Cannot create dynamic property AsyncStreamServer::$other
object(AsyncStreamServer)#2 (5) {
  ["data"]=>
  array(3) {
    ["accepted"]=>
    int(2)
    ["closed"]=>
    int(%d)
    ["name"]=>
    string(3) "web"
  }
  ["state"]=>
  string(9) "listening"
  ["address"]=>
  string(%d) "tcp://127.0.0.1:PORT"
  ["connections"]=>
  int(2)
  ["max_connections"]=>
  int(10)
}
object(AsyncStreamServer)#2 (5) {
  ["data"]=>
  array(3) {
    ["accepted"]=>
    int(2)
    ["closed"]=>
    int(%d)
    ["name"]=>
    string(3) "web"
  }
  ["state"]=>
  string(6) "paused"
  ["address"]=>
  string(%d) "tcp://127.0.0.1:PORT"
  ["connections"]=>
  int(1)
  ["max_connections"]=>
  int(10)
}
string(3) "web"
object(AsyncStreamServer)#2 (4) {
  ["state"]=>
  string(6) "closed"
  ["address"]=>
  string(%d) "tcp://127.0.0.1:PORT"
  ["connections"]=>
  int(0)
  ["max_connections"]=>
  int(10)
}
string(5) "again"
NULL
