--TEST--
Module: asyncstream refuses to start, saying why, when another module already declared EventBase
--SKIPIF--
<?php
// scripts/test.sh --asan: a php whose module refuses to start never exits under the sanitizer runtime.
if (getenv('AS_TEST_MODULE')) die('skip not under scripts/test.sh --asan');
if (!is_file(__DIR__ . '/../util/build/fake_event_other_name.so')) die('skip tests/util/build.sh has not built the fake event module');
?>
--FILE--
<?php
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$cmd = [$php, '-n', '-d', 'display_errors=stderr',
    '-d', 'extension=' . __DIR__ . '/../util/build/fake_event_other_name.so',
    '-d', 'extension=' . __DIR__ . '/../../modules/asyncstream.so',
    '-r', 'echo "script ran\n";'];
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
$rc = proc_close($p);
echo str_replace("\n\n", "\n", trim($err)), "\n";
var_dump($out, $rc !== 0);
?>
--EXPECT--
Warning: asyncstream cannot start: the class EventBase is already declared, most likely by the PECL "event" extension. asyncstream provides the same classes; load only one of the two in Unknown on line 0
Fatal error: Unable to start asyncstream module in Unknown on line 0
string(0) ""
bool(true)
