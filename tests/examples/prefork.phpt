--TEST--
examples/prefork.php: the parent listens, two workers answer HTTP requests, SIGTERM to the parent stops everything cleanly
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';
$cmd = array_merge(as_php_cmd(), [__DIR__ . '/../../examples/prefork.php', 'tcp://127.0.0.1:0', '2']);
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$line = as_read_line($pipes[1]);
echo substr($line, 0, strlen("listening on tcp://127.0.0.1:")), "\n";
$addr = substr($line, strlen("listening on "));
$pids = [];
for ($i = 0; $i < 2; $i++) {
    $w = as_read_line($pipes[1]);
    $pids[] = (int)substr($w, strlen("worker "));
    echo substr($w, 0, 7), " PID ", substr($w, strrpos($w, ' ') + 1), "\n";
}
for ($i = 0; $i < 4; $i++) {
    $c = stream_socket_client($addr, $errno, $errstr, 30);
    fwrite($c, "GET / HTTP/1.1\r\nHost: test\r\n\r\n");
    stream_set_timeout($c, 60);
    $resp = stream_get_contents($c);
    fclose($c);
    [$head, $body] = explode("\r\n\r\n", $resp, 2);
    $from = (int)substr(trim($body), strlen("hello from worker "));
    echo strtok($head, "\r\n"), " / ", in_array($from, $pids, true) ? "from a worker" : "from $from?!", "\n";
}
proc_terminate($p, SIGTERM);
$rest = as_read_rest($pipes[1]);
$err = stream_get_contents($pipes[2]);
$code = proc_close($p);
$lines = [];
foreach (explode("\n", trim($rest)) as $l) {
    foreach ($pids as $pid) {
        $l = str_replace((string)$pid, "PID", $l);
    }
    $lines[] = preg_replace('/after \d+ requests/', 'after N requests', $l);
}
sort($lines);
echo implode("\n", $lines), "\n";
echo "stderr: ", trim($err) === '' ? "(empty)" : $err, "\n";
echo "exit code: $code\n";
?>
--INI--
pcre.jit=0
--EXPECT--
listening on tcp://127.0.0.1:
worker  PID started
worker  PID started
HTTP/1.1 200 OK / from a worker
HTTP/1.1 200 OK / from a worker
HTTP/1.1 200 OK / from a worker
HTTP/1.1 200 OK / from a worker
parent: all workers gone, bye
worker PID exited with status 0
worker PID exited with status 0
worker PID stopped after N requests
worker PID stopped after N requests
stderr: (empty)
exit code: 0
