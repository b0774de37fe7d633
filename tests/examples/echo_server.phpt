--TEST--
examples/echo_server.php: echoes every byte to several clients, ends a half-closed connection, stops on SIGTERM
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip posix needed'); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/run.php';
[$p, $pipes, $addr] = ex_start('echo_server.php', ['tcp://127.0.0.1:0', '300']);
echo preg_replace('/:\d+$/', ':PORT', $addr), "\n";

$clients = [ex_connect($addr), ex_connect($addr), ex_connect($addr)];
$total = 0;
foreach ($clients as $i => $c) {
    $msg = str_repeat("client $i says hello. ", 1000 * ($i + 1));
    fwrite($c, $msg);
    $total += strlen($msg);
    echo "client $i: ", ex_read_exactly($c, strlen($msg)) === $msg ? "echoed" : "WRONG", " ", strlen($msg), " bytes\n";
}
// Half-close: the server finishes its side too, so we read EOF.
stream_socket_shutdown($clients[0], STREAM_SHUT_WR);
echo "client 0 after its FIN: ", var_export(stream_get_contents($clients[0]), true), ", eof ", var_export(feof($clients[0]), true), "\n";

[$out, $err, $code] = ex_stop($p, $pipes);
echo trim($out) === "echo server: stopped after 3 connections, $total bytes echoed" ? "summary ok" : "summary: $out", "\n";
echo "stderr: ", $err === '' ? "(empty)" : $err, "\n";
echo "exit code: $code\n";
?>
--EXPECT--
tcp://127.0.0.1:PORT
client 0: echoed 21000 bytes
client 1: echoed 42000 bytes
client 2: echoed 63000 bytes
client 0 after its FIN: '', eof true
summary ok
stderr: (empty)
exit code: 0
