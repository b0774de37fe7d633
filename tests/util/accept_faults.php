<?php
/*
 * Runs tests/server/fixtures/accept_child.php with accept faults injected
 * (AS_FAULT_ACCEPT, see tests/util/faultinject.c), queues $clients connections, lets the
 * server go, and prints each client's reply, the server's output, its warnings and the
 * faults the library injected.
 */
require_once __DIR__ . '/helpers.php';

function as_run_accept_faults(string $faults, int $clients, int $expect_served, array $args = []): void
{
    $log = tempnam(sys_get_temp_dir(), 'asfault');
    $env = getenv();
    // scripts/test.sh --asan preloads the sanitizer runtimes: keep them (valgrind sets its own)
    $env['LD_PRELOAD'] = (getenv('AS_TEST_MODULE') ? ($env['LD_PRELOAD'] ?? '') . ' ' : '') . __DIR__ . '/build/faultinject.so';
    $env['AS_FAULT_ACCEPT'] = $faults;
    $env['AS_FAULT_LOG'] = $log;
    $cmd = array_merge(as_php_cmd(), [__DIR__ . '/../server/fixtures/accept_child.php', (string)$expect_served], $args);
    $p = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
    $line = as_read_line($pipes[1]);
    if (!str_starts_with($line, 'listening ')) {
        echo "unexpected: $line\n", stream_get_contents($pipes[2]);
        return;
    }
    $addr = substr($line, strlen('listening '));
    $socks = [];
    for ($i = 1; $i <= $clients; $i++) {
        $s = stream_socket_client($addr, $errno, $errstr, 30);
        fwrite($s, "x");
        $socks[$i] = $s;
    }
    fwrite($pipes[0], "go\n");
    foreach ($socks as $i => $s) {
        stream_set_timeout($s, 60);
        $reply = @stream_get_contents($s);
        echo "client $i: ", $reply === '' || $reply === false ? '(closed without a reply)' : $reply, "\n";
        fclose($s);
    }
    $out = as_read_rest($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $rc = proc_close($p);
    echo $out;
    if (trim($err) !== '') {
        echo "stderr: ", str_replace($addr, 'ADDR', trim($err)), "\n";
    }
    echo "exit: $rc\n";
    echo "injected:\n", file_get_contents($log);
    unlink($log);
}
