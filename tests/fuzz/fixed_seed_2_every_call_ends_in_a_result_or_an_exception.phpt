--TEST--
G11: fuzz slice (seed 2): random calls with hostile arguments, frees and forks inside callbacks all end in a result or an exception
--EXTENSIONS--
pcntl
posix
sockets
--INI--
pcre.jit=0
--FILE--
<?php
/*
 * scripts/fuzz.php in-process with a fixed seed: under scripts/test.sh --valgrind this is
 * the CI slice that must show no invalid access and no leak. Forks are capped so the
 * slice stays fast under valgrind. Classic mode (the fuzzer of issue #6); the re-entrant
 * mode of issue #10 has its own slice (reentrant_slice_*.phpt).
 */
require __DIR__ . '/../../scripts/fuzz.php';
$calls = getenv('USE_ZEND_ALLOC') === '0' ? 1500 : 4000;
$r = as_fuzz_run(2, $calls, true, false, 6, ['classic' => true]);
var_dump($r['calls'] >= $calls, $r['throws'] > 0, $r['callbacks'] > 0);
echo implode("\n", $r['findings']), "\n";
echo "findings: ", count($r['findings']), "\n";
?>
--EXPECT--
bool(true)
bool(true)
bool(true)

findings: 0
