--TEST--
examples/tls_echo_server.php: echoes over TLS to PHP's own TLS clients (verifying the server), reports a plaintext client as a failed handshake, stops on SIGTERM
--SKIPIF--
<?php
require __DIR__ . '/../tls/fixtures/skipif.inc';
if (!function_exists('posix_kill')) die('skip posix needed');
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/run.php';
require __DIR__ . '/../tls/fixtures/tls.inc';
$certs = tls_certs();
[$p, $pipes, $addr] = ex_start('tls_echo_server.php', [$certs['server.pem'], 'tls://127.0.0.1:0', '600', (string)tls_limit()]);
echo preg_replace('/:\d+$/', ':PORT', $addr), "\n";
$ctx = stream_context_create(['ssl' => ['cafile' => $certs['ca.pem'], 'peer_name' => 'localhost']]);
$total = 0;
foreach ([1, 2] as $i) {
    $c = stream_socket_client($addr, $errno, $errstr, 60, STREAM_CLIENT_CONNECT, $ctx);
    $msg = str_repeat("client $i over TLS. ", 2000 * $i);
    fwrite($c, $msg);
    $total += strlen($msg);
    echo "client $i: ", ex_read_exactly($c, strlen($msg)) === $msg ? "echoed" : "WRONG", " ", strlen($msg), " bytes\n";
    echo "server: ", preg_replace('/^client tcp:\S+: TLSv1\.[23] \S+$/', 'client ADDR: TLS CIPHER', as_read_line($pipes[1])), "\n";
    fclose($c);
}
// A plaintext client: the server reports the failed handshake and goes on.
$plain = stream_socket_client(str_replace('tls://', 'tcp://', $addr));
fwrite($plain, "hello?\r\n\r\n");
echo "plaintext client gets EOF: ", var_export(stream_get_contents($plain) !== false, true), "\n";
echo "server stderr: ", preg_replace('/tcp:\S+/', 'ADDR', as_read_line($pipes[2])), "\n";
[$out, $err, $code] = ex_stop($p, $pipes);
echo trim($out) === "tls echo server: stopped after 2 connections, $total bytes echoed, 1 failed handshakes" ? "summary ok" : "summary: $out", "\n";
echo "exit code: $code\n";
?>
--EXPECTF--
tls://127.0.0.1:PORT
client 1: echoed 38000 bytes
server: client ADDR: TLS CIPHER
client 2: echoed 76000 bytes
server: client ADDR: TLS CIPHER
plaintext client gets EOF: true
server stderr: TLS handshake with ADDR failed: %s
summary ok
exit code: 0
