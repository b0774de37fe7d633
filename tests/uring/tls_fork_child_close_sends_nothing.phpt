--TEST--
io_uring: G5 with TLS over the ring: a forked child that closes inherited TLS streams (both ends) and frees the base never submits to the parent's ring and sends nothing on the parent's sessions (no close_notify, no records); the parent's sessions go on undisturbed
--EXTENSIONS--
posix
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
require __DIR__ . '/../tls/fixtures/skipif.inc';
if (!function_exists('pcntl_fork')) die('skip pcntl needed');
?>
--INI--
asyncstream.io_uring=on
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../tls/fixtures/tls.inc';
$base = new EventBase();
$serverSide = null;
$srv = tls_server($base, [], function (AsyncStream $c) use (&$serverSide) {
    $serverSide = $c;
    $c->onData(fn($c, $d) => $c->write("echo:$d"));
    $c->onEnd(function ($c) { echo "server: onEnd, clean_shutdown=", var_export($c->getTlsInfo()['clean_shutdown'], true), "\n"; $c->end(); });
});
$replies = [];
$closed = false;
$s = AsyncStream::connect($base, tls_addr($srv), ['tls' => tls_client_opts()]);
$s->onConnect(fn($s) => $s->write("before fork"));
$s->onData(function ($s, $d) use (&$replies) { $replies[] = $d; });
$s->onEnd(fn($s) => print("client: onEnd, clean_shutdown=" . var_export($s->getTlsInfo()['clean_shutdown'], true) . "\n"));
$s->onClose(function ($s, $e) use (&$closed) { echo "client: onClose ", tls_err($e), "\n"; $closed = true; });
tls_run_until($base, function () use (&$replies, &$serverSide) { return count($replies) === 1 && $serverSide !== null; });
echo "io: ", $s->getIoMethod(), " ", $serverSide->getIoMethod(), "\n";

$pid = pcntl_fork();
if ($pid === 0) {
    // The child closes everything it inherited, the loop's way and by free() (quietly: its output is the parent's too).
    $s->onClose(null)->onEnd(null);
    $serverSide->onEnd(null);
    // Records queued in the child would be the parent's sequence numbers: never sent.
    $s->write("from the child");
    $serverSide->write("from the child");
    $s->close();
    $serverSide->close();
    $srv->close();
    $base->free();
    posix_kill(getmypid(), SIGKILL); // no shutdown sequence: what the child sent is all it ever sends
}
pcntl_waitpid($pid, $status);
echo "child exited\n";
$s->write("after fork");
tls_run_until($base, function () use (&$replies) { return count($replies) === 2; });
print_r($replies);
$s->end();
tls_run_until($base, function () use (&$closed) { return $closed; });
$srv->close();
?>
--EXPECT--
io: io_uring io_uring
child exited
Array
(
    [0] => echo:before fork
    [1] => echo:after fork
)
server: onEnd, clean_shutdown=true
client: onEnd, clean_shutdown=true
client: onClose null
