--TEST--
TLS: an asyncstream client and an asyncstream server talk both ways; both sides' getTlsInfo(); getTlsInfo() is null on a plain stream
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$base = new EventBase();
$dog = as_watchdog($base, tls_limit());
$closed = 0;
$srv = tls_server($base, [], function (AsyncStream $c) use (&$closed) {
    echo "server onConnection: ", tls_info_line($c->getTlsInfo()), "\n";
    $c->onData(function ($c, $d) { echo "server got: $d\n"; $c->write("pong"); });
    $c->onEnd(function ($c) { echo "server onEnd: clean_shutdown=", var_export($c->getTlsInfo()['clean_shutdown'], true), "\n"; $c->end("bye"); });
    $c->onClose(function ($c, $e) use (&$closed) { echo "server onClose: ", tls_err($e), ", info after: ", tls_info_line($c->getTlsInfo()), "\n"; $closed++; });
});
$s = AsyncStream::connect($base, tls_addr($srv), ['tls' => tls_client_opts(['peer_name' => 'localhost'])]);
tls_check_io($s);
$s->onConnect(function ($s) { echo "client onConnect: ", tls_info_line($s->getTlsInfo()), "\n"; $s->write("ping"); });
$s->onData(function ($s, $d) { echo "client got: $d\n"; if ($d === 'pong') $s->end(); });
$s->onEnd(fn($s) => print("client onEnd: clean_shutdown=" . var_export($s->getTlsInfo()['clean_shutdown'], true) . "\n"));
$s->onClose(function ($s, $e) use (&$closed) { echo "client onClose: ", tls_err($e), "\n"; $closed++; });
tls_run_until($base, function () use (&$closed) { return $closed === 2; });
$srv->close();

[$a, $b] = as_pair($base);
var_dump($a->getTlsInfo());
$a->close();
$b->close();
?>
--EXPECT--
client onConnect: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
server onConnection: TLS alpn=NULL verified=false peer=- clean_shutdown=NULL
server got: ping
client got: pong
server onEnd: clean_shutdown=true
server onClose: null, info after: TLS alpn=NULL verified=false peer=- clean_shutdown=true
client got: bye
client onEnd: clean_shutdown=true
client onClose: null
NULL
