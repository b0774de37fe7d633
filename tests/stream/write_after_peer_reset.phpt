--TEST--
AsyncStream: after the peer resets the connection, onClose reports ECONNRESET once and write() returns false
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
$base = new EventBase();
$dog = as_watchdog($base);
$closes = 0;
$c = AsyncStream::connect($base, $addr)
    ->onConnect(function ($s) use ($srv) {
        // The peer aborts: SO_LINGER 0 turns its close() into an RST.
        $p = stream_socket_accept($srv, 5);
        $sock = socket_import_stream($p);
        socket_set_option($sock, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]);
        fclose($p);
        unset($sock);
        $s->write("ping");
    })
    ->onClose(function ($s, $e) use (&$closes, $dog) {
        $closes++;
        $dog->del();
        echo as_err($e), "\n";
        echo preg_replace('/\d+$/', 'PORT', $e->getMessage()), "\n";
        var_dump($s->write("after reset"));
    });
$base->loop();
var_dump($c->write("after loop"), $closes);
?>
--EXPECTF--
AsyncStreamException(E%s)
%r(write to|read from)%r tcp://127.0.0.1:%s failed: %s
bool(false)
bool(false)
int(1)
