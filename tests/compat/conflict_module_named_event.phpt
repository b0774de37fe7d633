--TEST--
Module: asyncstream refuses to load next to a module named "event" (the PECL extension)
--SKIPIF--
<?php
// scripts/test.sh --asan: a php whose module refuses to start never exits under the sanitizer runtime.
if (getenv('AS_TEST_MODULE')) die('skip not under scripts/test.sh --asan');
if (!is_file(__DIR__ . '/../util/build/fake_event_named_event.so')) die('skip tests/util/build.sh has not built the fake event module');
?>
--FILE--
<?php
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$cmd = [$php, '-n', '-d', 'display_errors=stderr',
    '-d', 'extension=' . __DIR__ . '/../util/build/fake_event_named_event.so',
    '-d', 'extension=' . __DIR__ . '/../../modules/asyncstream.so',
    '-r', 'var_dump(extension_loaded("asyncstream"), class_exists("AsyncStreamNotThere"));'];
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
$rc = proc_close($p);
echo trim($err), "\n", $out;
?>
--EXPECT--
Warning: Cannot load module "asyncstream" because conflicting module "event" is already loaded in Unknown on line 0
bool(false)
bool(false)
