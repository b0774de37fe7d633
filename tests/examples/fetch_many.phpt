--TEST--
examples/fetch_many.php: fetches from several servers at once; a silent server times out, a refused one fails at once, the rest answer
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip posix needed'); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/run.php';
[$p1, $pipes1, $http1] = ex_start('http_server.php', ['tcp://127.0.0.1:0', '300']);
[$p2, $pipes2, $http2] = ex_start('http_server.php', ['tcp://127.0.0.1:0', '300']);
// A server that accepts (the kernel completes the handshake) but never answers.
$silent = stream_socket_server('tcp://127.0.0.1:0');
$silentAddr = 'tcp://' . stream_socket_get_name($silent, false);
$missing = 'unix://' . sys_get_temp_dir() . '/asyncstream-no-such-socket-' . getmypid();

$timeout = getenv('USE_ZEND_ALLOC') === '0' ? '10' : '4';  // generous: a loaded machine, valgrind
$t0 = microtime(true);
[$out, $err, $code] = ex_run('fetch_many.php', [$timeout, $http1, $silentAddr, $missing, $http2]);
$elapsed = microtime(true) - $t0;
echo strtr(preg_replace(['/127\.0\.0\.1:\d+/', '/\d+ ms/', '/idle for [\d.]+ s/'], ['127.0.0.1:PORT', 'N ms', 'idle for T s'], $out), [$missing => 'unix:///MISSING']);
echo "stderr: ", $err === '' ? "(empty)" : $err, "\nexit code: $code\n";
echo "finished before the overall deadline: ", var_export($elapsed < 2 * $timeout + 30, true), "\n";
foreach ([[$p1, $pipes1], [$p2, $pipes2]] as [$p, $pipes]) {
    [$sout, $serr, $scode] = ex_stop($p, $pipes);
    echo trim($sout), ", exit code $scode\n";
}
?>
--EXPECT--
tcp://127.0.0.1:PORT: HTTP/1.1 200 OK, 61 bytes of body in N ms
tcp://127.0.0.1:PORT: failed after N ms: connection to tcp://127.0.0.1:PORT idle for T s: Connection timed out
unix:///MISSING: failed after N ms: connect to unix:///MISSING failed: No such file or directory
tcp://127.0.0.1:PORT: HTTP/1.1 200 OK, 61 bytes of body in N ms
stderr: (empty)
exit code: 1
finished before the overall deadline: true
http server: stopped after 1 connections, 1 requests, exit code 0
http server: stopped after 1 connections, 1 requests, exit code 0
