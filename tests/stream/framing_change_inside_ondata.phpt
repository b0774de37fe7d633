--TEST--
AsyncStream: framing changed inside onData applies to the bytes already buffered
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $b);
fclose($b);
// A length-prefixed protocol: "LEN:" header line, then LEN bytes of body, repeated.
$s->setFraming(AsyncStream::FRAME_DELIMITER, ":");
$s->onData(function (AsyncStream $s, string $d) {
    static $body = false;
    if (!$body) {
        echo "header $d\n";
        $s->setFraming(AsyncStream::FRAME_FIXED, $d); // a numeric string is accepted
    } else {
        echo "body [$d]\n";
        $s->setFraming(AsyncStream::FRAME_DELIMITER, ":");
    }
    $body = !$body;
});
$s->onEnd(function ($s) { echo "onEnd\n"; });
// Everything arrives in one packet: the changes must apply to what is already buffered.
fwrite($a, "5:hello3:abc11:hello:world2:ok");
fclose($a);
$base->loop();
// Switching to FRAME_NONE outside a callback delivers what is buffered.
[$c, $d] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$t = new AsyncStream($base, $d);
fclose($d);
$t->setFraming(AsyncStream::FRAME_DELIMITER, "\n")->onData(function ($t, $x) { echo "line [$x]\n"; $t->pause(); });
fwrite($c, "one\ntwo\nthree");
$base->loop(EventBase::LOOP_ONCE);
$t->setFraming(AsyncStream::FRAME_NONE)->onData(function ($t, $x) { echo "chunk [$x]\n"; $t->close(); });
$t->resume();
$base->loop();
?>
--EXPECT--
header 5
body [hello]
header 3
body [abc]
header 11
body [hello:world]
header 2
body [ok]
onEnd
line [one]
chunk [two
three]
