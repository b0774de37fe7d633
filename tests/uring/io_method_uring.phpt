--TEST--
io_uring: with asyncstream.io_uring=on every socket stream (connected, accepted, adopted) moves its bytes with io_uring; a pipe stays on readiness
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
asyncstream.io_uring=on
--FILE--
<?php
$base = new EventBase();
$server = new AsyncStreamServer($base, '127.0.0.1:0', function (AsyncStream $c) use (&$server) {
    echo "accepted: ", $c->getIoMethod(), "\n";
    $c->onData(function (AsyncStream $c, string $d) { $c->end(strtoupper($d)); });
    $server->close();
});
$c = AsyncStream::connect($base, $server->getAddress());
echo "connect(): ", $c->getIoMethod(), "\n";
$c->onConnect(fn ($c) => $c->write("ping"))
  ->onData(function ($c, $d) { echo "echo: $d\n"; })
  ->onEnd(fn ($c) => $c->end());
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$adopted = new AsyncStream($base, $a);
echo "adopted socket: ", $adopted->getIoMethod(), "\n";
$adopted->close();
$pipe = popen('true', 'r');
$p = new AsyncStream($base, $pipe);
echo "pipe: ", $p->getIoMethod(), "\n";
$p->close();
$base->loop();
echo "done\n";
?>
--EXPECT--
connect(): io_uring
adopted socket: io_uring
pipe: readiness
accepted: io_uring
echo: PING
done
