--TEST--
examples/load_client.php against examples/echo_server.php: round trips over several connections, every echo checked, no errors
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip posix needed'); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/run.php';
[$p, $pipes, $addr] = ex_start('echo_server.php', ['tcp://127.0.0.1:0', '300']);
[$out, $err, $code] = ex_run('load_client.php', [$addr, '4', '100', '1']);
echo preg_replace(['/: \d+ round trips in [\d.]+ s = \d+ /'], [': N round trips in T s = R '], $out);
echo "client stderr: ", $err === '' ? "(empty)" : $err, ", exit code $code\n";
preg_match('/: (\d+) round trips/', $out, $m);
[$sout, $serr, $scode] = ex_stop($p, $pipes);
echo preg_match('/^echo server: stopped after 4 connections, (\d+) bytes echoed$/', trim($sout), $sm) ? "server summary ok" : "server: $sout", "\n";
echo "bytes echoed = round trips x 100: ", var_export((int)$sm[1] === 100 * (int)$m[1], true), "\n";
echo "server stderr: ", $serr === '' ? "(empty)" : $serr, ", exit code $scode\n";
?>
--EXPECT--
client: 4 connections x 100 B: N round trips in T s = R round trips/s, 0 errors
client stderr: (empty), exit code 0
server summary ok
bytes echoed = round trips x 100: true
server stderr: (empty), exit code 0
