--TEST--
io_uring: fuzz seed 25 — a callback forks while a completion's bytes are still in their provided buffer (a stream delivering a backlog); the child copies them out of its own copy of the buffer before the inherited ring is unmapped, instead of dying of SIGSEGV
--EXTENSIONS--
pcntl
posix
sockets
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
asyncstream.io_uring=on
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../../scripts/fuzz.php';
// The whole seed as scripts/fuzz-seeds.sh runs it (--seed 25 --steps 250): before the
// fix its forked child died of signal 11 in as_ustream_hold() every run.
$r = as_fuzz_run(25, 0, true, false, PHP_INT_MAX, ['steps' => 250]);
echo implode("\n", $r['findings']), $r['findings'] ? "\n" : '';
echo "findings: ", count($r['findings']), "\n";
?>
--EXPECT--
findings: 0
