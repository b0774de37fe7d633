--TEST--
AsyncStream: onClose fires exactly once on every path
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$log = [];
$watch = function (string $name, AsyncStream $s) use (&$log) {
    $s->onClose(function ($s, $e) use ($name, &$log) {
        $log[$name][] = as_err($e);
        $s->close(); // closing again inside onClose is a no-op
    });
    return $s;
};
$base = new EventBase();

// local close
[$a, $b] = as_pair($base);
$watch("local close", $a)->close();
$a->close();
// peer close (EOF, no onEnd handler: our side ends too)
$watch("peer close", $b);
// error: frame too large
[$c, $d] = as_pair($base);
$watch("error", $c)->setFraming(AsyncStream::FRAME_FIXED, 10);
$c->onData(fn() => null);
// max_frame is 1 MiB: a 2 MiB fixed frame is refused as soon as bytes arrive
$c->setFraming(AsyncStream::FRAME_FIXED, 2 << 20);
$d->write("x");
// idle timeout
[$e1, $f] = as_pair($base);
$watch("timeout", $e1)->setTimeout(0.05);
$base->loop();
// EventBase::free()
[$i, $j] = as_pair($base);
$watch("base free i", $i);
$watch("base free j", $j);
$base->free();
var_dump($i->isClosed());
try { $i->write("x"); } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
$i->close();
unset($i, $j);
// peer reset
$base2 = new EventBase();
[$srv, $addr] = as_listen();
$r = AsyncStream::connect($base2, $addr)->onConnect(function ($s) use ($srv) {
    $p = stream_socket_accept($srv, 5);
    socket_set_option(socket_import_stream($p), SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]);
    fclose($p);
    $s->write("x");
});
$watch("peer reset", $r);
$base2->loop();
$base2->loop();
unset($a, $b, $c, $d, $e1, $f, $h, $r);
ksort($log);
foreach ($log as $k => $v) echo str_pad($k, 12), ": ", implode(", ", $v), "\n";
// The stream object destroyed while connected: an open stream belongs to its loop, so
// dropping our variable does not do it; the end of the script does (destructor pass).
$base3 = new EventBase();
[$g, $h] = as_pair($base3);
$g->onClose(function ($s, $e) {
    echo "destroyed at shutdown: ", as_err($e), "\n";
    $s->close(); // a no-op inside onClose
});
unset($g);
echo "end of script\n";
?>
--EXPECTF--
bool(true)
Error: AsyncStream::write(): the stream's EventBase has been freed
base free i : null
base free j : null
error       : AsyncStreamException(EMSGSIZE)
local close : null
peer close  : null
peer reset  : AsyncStreamException(E%s)
timeout     : AsyncStreamException(ETIMEDOUT)
end of script
destroyed at shutdown: null
