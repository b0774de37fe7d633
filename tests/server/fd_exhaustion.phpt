--TEST--
AsyncStreamServer: real descriptor exhaustion is reported once, costs under 5% CPU while it lasts, and every queued connection is served once descriptors are free
--SKIPIF--
<?php
if (!function_exists('posix_setrlimit')) die('skip posix_setrlimit() needed');
if (getenv('USE_ZEND_ALLOC') === '0' && !is_executable('/usr/bin/prlimit')) die('skip prlimit(1) needed under valgrind');
?>
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';
$n = 5;
$cmd = array_merge(as_php_cmd(), [__DIR__ . '/fixtures/fd_exhaustion_child.php', (string)$n]);
$p = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$addr = substr(as_read_line($pipes[1]), strlen('listening '));
echo as_read_line($pipes[1]), "\n"; // exhausted
$clients = [];
for ($i = 0; $i < $n; $i++) {
    $c = stream_socket_client($addr, $errno, $errstr, 30);
    fwrite($c, "x");
    $clients[] = $c;
}
$replies = [];
foreach ($clients as $c) {
    stream_set_timeout($c, 60);
    $replies[] = stream_get_contents($c);
    fclose($c); // the server's end() completes when we end too
}
echo as_read_rest($pipes[1]);
$err = stream_get_contents($pipes[2]);
echo "exit: ", proc_close($p), "\n";
echo implode(",", $replies), "\n";
echo trim($err), "\n"; // the figure
?>
--EXPECTF--
exhausted
error 24 cannot accept connections on ADDR: Too many open files
cpu under the limit (5%, 25% under valgrind): yes
descriptors freed
served 5
errors reported: 1
exit: 0
served,served,served,served,served
cpu while exhausted: %f% (%f s of %f s)
