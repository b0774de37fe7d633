--TEST--
AsyncStream: a lookup in flight when the process forks is restarted in the child, and the cancellation of the inherited one runs on the child's loop without touching a freed resolver (G5)
--EXTENSIONS--
pcntl
--FILE--
<?php
// Found by scripts/fuzz.php under valgrind: the inherited resolver was freed right after
// cancelling its lookups, and libevent reports a cancellation from a deferred callback
// that reads the resolver on the next loop iteration.
$udp = stream_socket_server('udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND); // never answers
$conf = tempnam(sys_get_temp_dir(), 'asresolv');
file_put_contents($conf, 'nameserver ' . stream_socket_get_name($udp, false) . "\noptions timeout:30 attempts:1\n");
ini_set('asyncstream.resolv_conf', $conf);

$base = new EventBase();
$s = AsyncStream::connect($base, 'never-answered.test:80');
$base->loop(EventBase::LOOP_NONBLOCK); // the query is sent
$pid = pcntl_fork();
if ($pid === 0) {
    $base->loop(EventBase::LOOP_NONBLOCK); // re-initialised here: the lookup restarts
    $base->loop(EventBase::LOOP_NONBLOCK); // the inherited lookup's cancellation is reported
    echo $s->isClosed() ? "child: closed?!\n" : "";
    $s->close();
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0);
var_dump($s->isClosed());
$s->close();
unlink($conf);
?>
--EXPECT--
bool(true)
bool(false)
