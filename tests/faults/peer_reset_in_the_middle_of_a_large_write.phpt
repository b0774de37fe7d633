--TEST--
Faults: a peer that resets (SO_LINGER 0) in the middle of a large write closes the stream once with ECONNRESET/EPIPE, no warning
--EXTENSIONS--
sockets
--FILE--
<?php
$big = getenv('USE_ZEND_ALLOC') === '0' ? 4 << 20 : 16 << 20;
$srv = stream_socket_server('tcp://127.0.0.1:0');
$addr = stream_socket_get_name($srv, false);
$base = new EventBase();
$peer = null; $got = 0; $peerEv = null;

$acc = new Event($base, $srv, Event::READ, function () use ($srv, $base, &$peer, &$got, &$peerEv) {
    $peer = stream_socket_accept($srv);
    stream_set_blocking($peer, false);
    $peerEv = new Event($base, $peer, Event::READ | Event::PERSIST, function () use (&$peer, &$got, &$peerEv) {
        $got += strlen((string)fread($peer, 65536));
        if ($got >= 256 * 1024) {
            // reset: RST instead of FIN, with most of the write still queued on the other side
            socket_set_option(socket_import_stream($peer), SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]);
            $peerEv->free();
            fclose($peer);
        }
    });
    $peerEv->add();
});
$acc->add();

$closes = [];
$c = AsyncStream::connect($base, "tcp://$addr");
$c->onConnect(function (AsyncStream $c) use ($big) {
    var_dump($c->write(str_repeat('x', $big)));   // false: far above high_water, queued
});
$c->onClose(function (AsyncStream $c, ?AsyncStreamException $e) use (&$closes, $base) {
    $closes[] = $e;
    $base->exit();
});
$guard = Event::timer($base, fn() => $base->stop());
$guard->add(30);
$base->loop();

var_dump(count($closes));
var_dump($closes[0] instanceof AsyncStreamException);
var_dump(in_array($closes[0]->getCode(), [SOCKET_ECONNRESET, SOCKET_EPIPE], true));
var_dump($got >= 256 * 1024 && $got < $big);
var_dump($c->isClosed(), $c->getWriteBufferSize());
?>
--EXPECT--
bool(false)
int(1)
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
