--TEST--
AsyncStream: no onData while paused, even with frames buffered; resume() delivers them
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $b);
fclose($b);
$s->setFraming(AsyncStream::FRAME_DELIMITER, "\n")->onData(function ($s, $f) {
    echo "frame $f\n";
    if ($f === "1") $s->pause(); // frames 2 and 3 are already buffered
})->onEnd(function ($s) { echo "onEnd\n"; $s->end(); })->onClose(fn($s, $e) => print("closed " . as_err($e) . "\n"));
fwrite($a, "1\n2\n3\n");
$base->loop(EventBase::LOOP_NONBLOCK);
$base->loop(EventBase::LOOP_NONBLOCK);
echo "paused, more arrives\n";
fwrite($a, "4\n");
fclose($a); // EOF waits too
$t = Event::timer($base, function () use ($s) { echo "timer: resume\n"; $s->resume(); });
$t->add(0.1);
$base->loop();
// A paused FRAME_NONE stream leaves the bytes in the socket.
[$c, $d] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$u = new AsyncStream($base, $d);
$u->onData(fn($u, $x) => print("chunk $x\n"));
$u->pause();
fwrite($c, "abc");
var_dump($base->loop(EventBase::LOOP_NONBLOCK));
echo "resume\n";
$u->resume();
$base->loop(EventBase::LOOP_ONCE);
$u->close();
?>
--EXPECT--
frame 1
paused, more arrives
timer: resume
frame 2
frame 3
frame 4
onEnd
closed null
bool(true)
resume
chunk abc
