--TEST--
io_uring: end() answered after the peer's EOF sends its FIN before the stream closes, even when another descriptor (the PHP stream) keeps the socket open; a close() right after end() neither loses the FIN nor lets the linked shutdown hit a reused descriptor number
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
asyncstream.io_uring=on
--FILE--
<?php
$base = new EventBase();
// $x and $y stay open: the AsyncStreams get their own descriptors, so only a FIN
// (shutdown), never the close of the stream's descriptor, tells the peer the data ended.
[$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$client = new AsyncStream($base, $x);
$server = new AsyncStream($base, $y);
var_dump($client->getIoMethod());
$body = '';
$server->onData(function ($s, $d) use (&$body) { $body .= $d; })
       ->onEnd(function ($s) use (&$body) { $s->end("got " . strlen($body) . " bytes"); })
       ->onClose(fn($s, $e) => print("server closed " . ($e ? $e->getMessage() : "") . "\n"));
$client->onData(fn($s, $d) => print("$d\n"))
       ->onEnd(fn($s) => print("client EOF\n"))
       ->onClose(function ($s, $e) use (&$guard) { echo "client closed\n"; $guard->del(); });
$client->end(str_repeat("x", 100000));
$guard = Event::timer($base, function () use ($base) { echo "timed out\n"; $base->stop(); });
$guard->add(30);
$base->loop();

// close() right after end(): the FIN is linked behind the send; the descriptor is closed
// only after it ran. New sockets made meanwhile must not be shut down in its place.
[$p, $q] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$a = new AsyncStream($base, $p);
fclose($p);
$a->end("bye");
$a->close();
$others = [];
for ($i = 0; $i < 8; $i++) {
    $others[] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
}
$peer = new AsyncStream($base, $q);
$peer->onData(fn($s, $d) => print("peer got $d\n"))
     ->onEnd(function ($s) use ($guard) { echo "peer EOF\n"; $s->close(); $guard->del(); });
$guard->add(30);
$base->loop();
// None of the new sockets was shut down: each can still write and be read.
$ok = 0;
foreach ($others as [$m, $n]) {
    $ok += fwrite($m, "z") === 1 && fread($n, 1) === "z" ? 1 : 0;
}
var_dump($ok);
?>
--EXPECT--
string(8) "io_uring"
got 100000 bytes
server closed 
client EOF
client closed
peer got bye
peer EOF
int(8)
