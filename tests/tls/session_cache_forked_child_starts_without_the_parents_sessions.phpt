--TEST--
TLS: G5: a forked child does not offer the sessions it inherited (a full handshake), and the parent still resumes its own afterwards
--EXTENSIONS--
posix
--SKIPIF--
<?php
require __DIR__ . '/fixtures/skipif.inc';
if (!function_exists('pcntl_fork')) die('skip pcntl needed');
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';

/* One request/answer on a new connection: getTlsInfo()['session_reused'] after the answer. */
function fetch(EventBase $base, string $addr): string
{
    $result = null;
    $s = AsyncStream::connect($base, $addr, ['tls' => tls_client_opts()]);
    $s->onConnect(fn($s) => $s->write("ping"));
    $s->onData(function ($s, $d) use (&$result) {
        $result ??= "reused=" . var_export($s->getTlsInfo()['session_reused'], true);
        $s->close();
    });
    $s->onClose(function ($s, $e) use (&$result) {
        $result ??= "error: " . tls_err($e);
    });
    tls_run_until($base, function () use (&$result) { return $result !== null; });
    return $result;
}

$base = new EventBase();
$srv = tls_server($base);
$addr = tls_addr($srv);
echo "parent, 1st: ", fetch($base, $addr), "\n";
$out = tls_certs()['dir'] . '/child.txt';
$pid = pcntl_fork();
if ($pid === 0) {
    // The child runs the inherited base (and the inherited server, which answers it).
    file_put_contents($out, fetch($base, $addr));
    posix_kill(getmypid(), SIGKILL); // no shutdown sequence: the parent reports
}
pcntl_waitpid($pid, $status);
echo "child: ", file_get_contents($out), "\n";
unlink($out);
echo "parent, 2nd: ", fetch($base, $addr), "\n";
$srv->close();
?>
--EXPECT--
parent, 1st: reused=false
child: reused=false
parent, 2nd: reused=true
