--TEST--
AsyncStream: a stream destroyed while resolving, as the first thing a forked child does, cancels its lookup before the child's resolver is replaced (G5)
--EXTENSIONS--
pcntl
--FILE--
<?php
// Found by scripts/fuzz.php under --asan: the close re-initialised the base after fork(),
// which freed the inherited resolver without cancelling the lookup of the stream being
// closed (no longer "resolving"); the close then cancelled it inside the freed resolver.
$udp = stream_socket_server('udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND); // never answers
$conf = tempnam(sys_get_temp_dir(), 'asresolv');
file_put_contents($conf, 'nameserver ' . stream_socket_get_name($udp, false) . "\noptions timeout:30 attempts:1\n");
ini_set('asyncstream.resolv_conf', $conf);

$base = new EventBase();
$s = AsyncStream::connect($base, 'never-answered.test:80');
$other = AsyncStream::connect($base, 'never-answered-either.test:80');
$base->loop(EventBase::LOOP_NONBLOCK); // both queries are sent
$pid = pcntl_fork();
if ($pid === 0) {
    unset($s);     // the child's first libevent call on the base happens inside this close
    $other->close();
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0);
$s->onClose(fn($s, $e) => print("parent onClose: " . ($e ? get_class($e) : 'null') . "\n"));
$s->close();
unlink($conf);
?>
--EXPECT--
bool(true)
parent onClose: null
