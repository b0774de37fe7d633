--TEST--
docs/api.md: every ```php example is a complete script that runs as is on loopback only (in a network namespace with nothing but lo where unshare allows it), exits 0 in bounded time and prints no diagnostic; class synopses are skipped
--SKIPIF--
<?php
if (!is_readable(__DIR__ . '/../../docs/api.md')) die('skip docs/api.md is not shipped here');
if (!function_exists('pcntl_fork') || !function_exists('posix_kill')) die('skip pcntl and posix needed (the fork examples)');
// Under valgrind (run-tests -m follows children) the ~30 doc scripts together exceed the 300 s
// per-test limit on a 2-core machine. The plain run checks the docs; tests/examples runs the
// example programs under valgrind.
if (getenv('USE_ZEND_ALLOC') === '0') die('skip under valgrind: the plain suite runs the docs examples');
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';
$cmd = array_merge(as_php_cmd(), ['-d', 'pcre.jit=0', __DIR__ . '/fixtures/docs_examples.php', __DIR__ . '/../../docs/api.md']);
$p = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
fclose($pipes[0]);
echo stream_get_contents($pipes[1]);
echo stream_get_contents($pipes[2]);
echo "exit ", proc_close($p), "\n";
?>
--EXPECTF--
%d examples ran as is, %d class synopses skipped, 0 failed
exit 0
