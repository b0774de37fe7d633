--TEST--
io_uring forbidden by seccomp: asyncstream.io_uring=on makes creating a stream throw AsyncStreamException with the reason
--SKIPIF--
<?php
if (!is_executable(__DIR__ . '/../util/build/no_io_uring')) die('skip tests/util/build/no_io_uring not built');
if (str_contains(shell_exec(PHP_BINARY . ' -n -d extension=' . escapeshellarg(realpath(__DIR__ . '/../../modules/asyncstream.so')) . ' --ri asyncstream') ?? '', 'built without liburing')) die('skip built without liburing');
?>
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';
$child = <<<'PHP'
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
try {
    new AsyncStream($base, $a);
} catch (AsyncStreamException $e) {
    echo get_class($e), ' ', $e->getCode() === SOCKET_EPERM ? 'EPERM' : $e->getCode(), "\n", $e->getMessage(), "\n";
}
try {
    AsyncStream::connect($base, '127.0.0.1:9');
} catch (AsyncStreamException $e) {
    echo $e->getMessage(), "\n";
}
try {
    new AsyncStreamServer($base, '127.0.0.1:0', fn () => null);
} catch (AsyncStreamException $e) {
    echo $e->getMessage(), "\n";
}
PHP;
$cmd = array_merge([__DIR__ . '/../util/build/no_io_uring'], as_php_cmd(), ['-d', 'asyncstream.io_uring=on', '-r', $child]);
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo stream_get_contents($pipes[1]);
echo stream_get_contents($pipes[2]);
var_dump(proc_close($p));
?>
--EXPECT--
AsyncStreamException EPERM
AsyncStream::__construct(): asyncstream.io_uring is "on" but io_uring cannot be used here: io_uring_setup is not permitted here (EPERM: a seccomp filter or container policy)
AsyncStream::connect(): asyncstream.io_uring is "on" but io_uring cannot be used here: io_uring_setup is not permitted here (EPERM: a seccomp filter or container policy)
AsyncStreamServer::__construct(): asyncstream.io_uring is "on" but io_uring cannot be used here: io_uring_setup is not permitted here (EPERM: a seccomp filter or container policy)
int(0)
