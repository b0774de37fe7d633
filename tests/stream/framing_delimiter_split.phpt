--TEST--
AsyncStream: FRAME_DELIMITER cuts frames split at every byte boundary and many frames per packet
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $b);
fclose($b);
$frames = [];
$s->setFraming(AsyncStream::FRAME_DELIMITER, "\r\n")
  ->onData(function ($s, $f) use (&$frames) { $frames[] = $f; })
  ->onClose(fn($s, $e) => print("closed " . as_err($e) . "\n"));

$msg = "alpha\r\nbe\rta\r\n\r\ngamma\r\n";
$expect = ["alpha", "be\rta", "", "gamma"];
$ok = true;
// Every split point of the message, one write (= one read) per piece.
for ($cut = 1; $cut < strlen($msg); $cut++) {
    foreach ([substr($msg, 0, $cut), substr($msg, $cut)] as $piece) {
        fwrite($a, $piece);
        $base->loop(EventBase::LOOP_ONCE);
    }
    if ($frames !== $expect) { $ok = false; echo "cut $cut: ", json_encode($frames), "\n"; }
    $frames = [];
}
var_dump($ok);
// One byte at a time.
foreach (str_split($msg) as $byte) { fwrite($a, $byte); $base->loop(EventBase::LOOP_ONCE); }
var_dump($frames === $expect);
$frames = [];
// Many frames in one packet, and a last one without a delimiter before EOF.
fwrite($a, str_repeat("x\r\n", 1000) . "tail");
fclose($a);
$base->loop();
var_dump(count($frames), $frames[0], $frames[999], $frames[1000]);
?>
--EXPECT--
bool(true)
bool(true)
closed null
int(1001)
string(1) "x"
string(1) "x"
string(4) "tail"
