--TEST--
io_uring forbidden by seccomp: asyncstream.io_uring=auto falls back to readiness silently and the stream works
--SKIPIF--
<?php
if (!is_executable(__DIR__ . '/../util/build/no_io_uring')) die('skip tests/util/build/no_io_uring not built');
?>
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';
$child = <<<'PHP'
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $a);
echo $s->getIoMethod(), "\n";
$s->onData(function (AsyncStream $s, string $d) { echo "got $d\n"; $s->close(); });
fwrite($b, "ping");
$base->loop();
PHP;
$cmd = array_merge([__DIR__ . '/../util/build/no_io_uring'], as_php_cmd(), ['-d', 'asyncstream.io_uring=auto', '-r', $child]);
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo stream_get_contents($pipes[1]);
echo stream_get_contents($pipes[2]);
var_dump(proc_close($p));
?>
--EXPECT--
readiness
got ping
int(0)
