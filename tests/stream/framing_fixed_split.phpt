--TEST--
AsyncStream: FRAME_FIXED cuts frames split at every byte boundary and many frames per packet
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $b);
fclose($b);
$frames = [];
$s->setFraming(AsyncStream::FRAME_FIXED, 4)
  ->onData(function ($s, $f) use (&$frames) { $frames[] = $f; })
  ->onEnd(fn() => print("onEnd\n"))
  ->onClose(fn($s, $e) => print("closed " . as_err($e) . "\n"));
$msg = "abcdefghijkl";
$ok = true;
for ($cut = 1; $cut < strlen($msg); $cut++) {
    foreach ([substr($msg, 0, $cut), substr($msg, $cut)] as $piece) {
        fwrite($a, $piece);
        $base->loop(EventBase::LOOP_ONCE);
    }
    if ($frames !== ["abcd", "efgh", "ijkl"]) { $ok = false; echo "cut $cut: ", json_encode($frames), "\n"; }
    $frames = [];
}
var_dump($ok);
foreach (str_split($msg) as $byte) { fwrite($a, $byte); $base->loop(EventBase::LOOP_ONCE); }
var_dump($frames === ["abcd", "efgh", "ijkl"]);
$frames = [];
fwrite($a, str_repeat("1234", 5000) . "56");
fclose($a);
$s->end();
$base->loop();
var_dump(count($frames), $frames[4999], $frames[5000]);
?>
--EXPECT--
bool(true)
bool(true)
onEnd
closed null
int(5001)
string(4) "1234"
string(2) "56"
