--TEST--
examples/chat_server.php: lines are broadcast to the others; a client that does not read makes the server pause every reader until it drains, and no line is lost
--SKIPIF--
<?php
if (!function_exists('posix_kill')) die('skip posix needed');
if (!function_exists('socket_create')) die('skip sockets needed');
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/run.php';
[$p, $pipes, $addr] = ex_start('chat_server.php', ['tcp://127.0.0.1:0', '300', '300']);
$out = $pipes[1];

function line($c): string
{
    $l = fgets($c);
    if ($l === false) {
        throw new RuntimeException("no line");
    }
    return rtrim($l, "\n");
}

/** A client with a small receive buffer, so that a client that does not read congests early. */
function small_client(string $addr)
{
    [$host, $port] = explode(':', substr($addr, strlen('tcp://')));
    $cs = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    socket_set_option($cs, SOL_SOCKET, SO_RCVBUF, 4096);
    socket_connect($cs, $host, (int)$port);
    $c = socket_export_stream($cs);
    stream_set_timeout($c, 120);
    return $c;
}

$a = ex_connect($addr);
echo "A: ", line($a), "\n";
$b = small_client($addr);
echo "B: ", line($b), "\n";
echo "A: ", line($a), "\n";
// B and C read nothing while A floods.
$c = small_client($addr);
echo "C: ", line($c), "\n";
echo "A: ", line($a), "\n", "B: ", line($b), "\n";
fwrite($a, "hello\n");
echo "B: ", line($b), "\n", "C: ", line($c), "\n";
for ($i = 0; $i < 3; $i++) {
    echo "server: ", as_read_line($out), "\n";
}

// Flood from A (nonblocking) until the server reports backpressure.
$len = 1000;
$mk = fn(int $i) => sprintf("%06d", $i) . str_repeat('x', $len - 7) . "\n";
stream_set_blocking($a, false);
$sent = 0;              // bytes of flood lines written by A
$pending = '';
$n = 0;
$paused = false;
$deadline = microtime(true) + 120;
while (!$paused) {
    if (microtime(true) > $deadline || $n > 65536) {
        throw new RuntimeException("no backpressure after $n lines");
    }
    $r = [$out]; $w = [$a]; $e = null;
    if (stream_select($r, $w, $e, 5) < 1) {
        continue;
    }
    if ($r) {
        $l = as_read_line($out, 60);
        $paused = $l === "backpressure: a client is slow, reading paused";
        echo "server: $l\n";
    }
    if ($w && !$paused) {
        if ($pending === '') {
            $pending = $mk($n++);
        }
        $k = (int)fwrite($a, $pending);
        $pending = substr($pending, $k);
        $sent += $k;
    }
}
echo "A wrote more than high_water before the server paused: ", var_export($sent > 65536, true), "\n";

// Now B and C read; A finishes its last partial line. Every line must arrive, in order.
$lines = (int)ceil($sent / $len);
$bufs = ['B' => '', 'C' => ''];
$streams = ['B' => $b, 'C' => $c];
foreach ($streams as $s) {
    stream_set_blocking($s, false);
}
$complete = fn(string $buf) => substr_count($buf, "\n") >= $lines;
while ((!$complete($bufs['B']) || !$complete($bufs['C']) || $pending !== '') && microtime(true) < $deadline) {
    $r = array_values($streams); $w = $pending !== '' ? [$a] : []; $e = null;
    if (stream_select($r, $w, $e, 5) < 1) {
        continue;
    }
    foreach ($r as $s) {
        $bufs[array_search($s, $streams, true)] .= (string)fread($s, 65536);
    }
    if ($w) {
        $pending = substr($pending, (int)fwrite($a, $pending));
    }
}
foreach ($bufs as $who => $buf) {
    $got = explode("\n", rtrim($buf, "\n"));
    $ok = count($got) === $lines;
    foreach ($got as $i => $l) {
        $ok = $ok && $l === rtrim("user1: " . $mk($i), "\n");
    }
    echo "$who received all $lines flood lines in order: ", var_export($ok, true), "\n";
}
stream_set_blocking($a, true);
stream_set_blocking($b, true);
// The last backpressure line the server printed says it drained.
$last = '';
while (true) {
    $l = as_read_line($out);
    if (str_starts_with($l, 'backpressure: ')) {
        $last = $l;
    }
    if ($l === "backpressure: drained, reading resumed") {
        // more episodes may follow while A's queued lines go out; stop when B quits
        break;
    }
}
echo "server: $last\n";

// B leaves with /quit.
fwrite($b, "/quit\n");
echo "B: ", line($b), ", then eof: ", var_export(fgets($b) === false && feof($b), true), "\n";
fclose($b);                                       // our side too: the server closes B's stream
stream_set_blocking($c, true);
while (($l = as_read_line($out)) !== 'user2 left') {
    if (!str_starts_with($l, 'backpressure: ')) {
        echo "server (unexpected): $l\n";
    }
}
echo "server: user2 left\n";
echo "A: ", line($a), "\n";

[$rest, $err, $code] = ex_stop($p, $pipes);
$rest = array_filter(explode("\n", trim($rest)), fn($l) => !str_starts_with($l, 'backpressure: '));
echo implode("\n", $rest), "\n";
echo "lines counted by the server: ", str_ends_with(end($rest), "after " . ($lines + 1) . " lines") ? "hello + every flood line" : end($rest), "\n";
echo "stderr: ", $err === '' ? "(empty)" : $err, "\nexit code: $code\n";
?>
--EXPECTF--
A: welcome user1
B: welcome user2
A: * user2 joined
C: welcome user3
A: * user3 joined
B: * user3 joined
B: user1: hello
C: user1: hello
server: user1 joined
server: user2 joined
server: user3 joined
server: backpressure: a client is slow, reading paused
A wrote more than high_water before the server paused: true
B received all %d flood lines in order: true
C received all %d flood lines in order: true
server: backpressure: drained, reading resumed
B: bye, then eof: true
server: user2 left
A: * user2 left
user1 left
user3 left
chat server: stopped after %d lines
lines counted by the server: hello + every flood line
stderr: (empty)
exit code: 0
