--TEST--
examples/proxy.php in front of examples/echo_server.php: 4 MiB each way through the proxy with backpressure, half-close passed on, refused upstream closes the client
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip posix needed'); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/run.php';
[$ep, $epipes, $echo] = ex_start('echo_server.php', ['tcp://127.0.0.1:0', '300']);
[$pp, $ppipes, $proxy] = ex_start('proxy.php', ['tcp://127.0.0.1:0', $echo, '300']);
echo "proxy up\n";

// 4 MiB through proxy -> echo -> proxy, written and read at once (nonblocking), then a FIN.
$data = random_bytes(4 << 20);
$c = ex_connect($proxy);
stream_set_blocking($c, false);
$sent = 0;
$got = '';
$deadline = microtime(true) + 120;
while (strlen($got) < strlen($data) && microtime(true) < $deadline) {
    $r = [$c];
    $w = $sent < strlen($data) ? [$c] : [];
    $e = null;
    if (stream_select($r, $w, $e, 5) === 0) {
        continue;
    }
    if ($w) {
        $sent += (int)fwrite($c, substr($data, $sent, 65536));
    }
    if ($r) {
        $got .= (string)fread($c, 65536);
    }
}
echo "echoed through the proxy: ", strlen($got), " bytes, ", $got === $data ? "identical" : "DIFFERENT", "\n";
stream_set_blocking($c, true);
stream_socket_shutdown($c, STREAM_SHUT_WR);
echo "after our FIN: ", var_export(stream_get_contents($c), true), ", eof ", var_export(feof($c), true), "\n";
fclose($c);
echo preg_replace('/:\d+/', ':PORT', as_read_line($ppipes[1])), "\n";   // the pair is done
[$eout, $eerr, $ecode] = ex_stop($ep, $epipes);      // the upstream goes away
echo "echo server: ", trim($eout), ", exit code $ecode\n";

// Now the upstream refuses: the proxy closes the client after reporting it.
$c = ex_connect($proxy);
echo "client with a dead upstream: ", var_export(stream_get_contents($c), true), ", eof ", var_export(feof($c), true), "\n";
fclose($c);
[$out, $err, $code] = ex_stop($pp, $ppipes);
echo preg_replace(['/127\.0\.0\.1:\d+/'], ['127.0.0.1:PORT'], $out);
echo "stderr: ", $err === '' ? "(empty)" : $err, "\nexit code: $code\n";
?>
--EXPECT--
proxy up
echoed through the proxy: 4194304 bytes, identical
after our FIN: '', eof true
proxy: tcp://127.0.0.1:PORT done
echo server: echo server: stopped after 1 connections, 4194304 bytes echoed, exit code 0
client with a dead upstream: '', eof true
proxy: connect to tcp://127.0.0.1:PORT failed: Connection refused
proxy: tcp://127.0.0.1:PORT done
proxy: stopped after 2 connections
stderr: (empty)
exit code: 0
