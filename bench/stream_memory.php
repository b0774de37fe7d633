<?php
/*
 * PHP heap per idle connected AsyncStream: N loopback connections (a forked child
 * accepts and holds the other ends), memory_get_usage() delta / N.
 *   php -d extension=asyncstream.so -d extension=pcntl -d extension=posix bench/stream_memory.php [N]
 */
$n = (int)($argv[1] ?? 10000);
posix_setrlimit(POSIX_RLIMIT_NOFILE, $n + 1000, max($n + 1000, posix_getrlimit()['hard openfiles'] ?? 0));
$srv = stream_socket_server("tcp://127.0.0.1:0", $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 4096]]));
$addr = stream_socket_get_name($srv, false);
$pid = pcntl_fork();
if ($pid === 0) {
    $held = [];
    while (count($held) < $n && ($c = @stream_socket_accept($srv, 30))) {
        $held[] = $c;
    }
    fgets(STDIN) !== false || usleep(1);
    exit(0);
}
fclose($srv);
$rss = fn() => (int)preg_replace('/\D/', '', shell_exec("grep VmRSS /proc/" . getmypid() . "/status")) * 1024;
$base = new EventBase();
$connected = 0;
$onConnect = function () use (&$connected) { $connected++; };
$onClose = function ($s, $e) { if ($e) { fwrite(STDERR, $e->getMessage() . "\n"); exit(1); } };
$streams = [];
$streams[] = null; // the array exists before the baseline
gc_collect_cycles();
$m0 = memory_get_usage();
$r0 = $rss();
for ($i = 0; $i < $n; $i += 500) {
    for ($j = $i; $j < min($n, $i + 500); $j++) {
        $streams[$j] = AsyncStream::connect($base, $addr, ['timeout' => 30])->onConnect($onConnect)->onClose($onClose);
    }
    while ($connected < min($n, $i + 500)) {
        $base->loop(EventBase::LOOP_ONCE);
    }
}
$m1 = memory_get_usage();
$r1 = $rss();
$arrayBytes = 0; // measured separately below
$tmp = [];
$a0 = memory_get_usage();
for ($i = 0; $i < $n; $i++) { $tmp[$i] = null; }
$arrayBytes = memory_get_usage() - $a0;
unset($tmp);
printf("%d idle connected AsyncStreams\n", $n);
printf("PHP heap: %.0f bytes per stream (%.0f including the array slot that holds it)\n",
    ($m1 - $m0 - $arrayBytes) / $n, ($m1 - $m0) / $n);
printf("process RSS growth (PHP heap + libevent structures): %.0f bytes per stream\n", ($r1 - $r0) / $n);
foreach ($streams as $s) { $s?->close(); }
posix_kill($pid, SIGTERM);
pcntl_waitpid($pid, $st);
