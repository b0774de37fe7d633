--TEST--
examples/event_echo_server.php and examples/event_echo_client.php (the ext-event compatible API): round trips without errors, SIGTERM stops the server
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip posix needed'); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/run.php';
[$p, $pipes, $addr] = ex_start('event_echo_server.php', ['0']);
[$out, $err, $code] = ex_run('event_echo_client.php', [$addr, '3', '64', '1']);
echo preg_replace('/: \d+ round trips in [\d.]+ s = \d+ /', ': N round trips in T s = R ', $out);
echo "client stderr: ", $err === '' ? "(empty)" : $err, ", exit code $code\n";
[$sout, $serr, $scode] = ex_stop($p, $pipes);
echo preg_replace('/\d+/', 'N', trim($sout)), "\n";
echo "server stderr: ", $serr === '' ? "(empty)" : $serr, ", exit code $scode\n";
?>
--EXPECT--
client: 3 connections x 64 B: N round trips in T s = R round trips/s, 0 errors
client stderr: (empty), exit code 0
server: N connections, N bytes echoed
server stderr: (empty), exit code 0
