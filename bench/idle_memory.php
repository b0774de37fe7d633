<?php
/*
 * Memory held per idle AsyncStream connection, without the load generator:
 *
 *   php -d extension=/abs/asyncstream.so [-d asyncstream.io_uring=on] bench/idle_memory.php [N] [--quiet]
 *
 * An AsyncStreamServer in this process echoes; a forked child opens N plain PHP client
 * streams, and each sends one byte and reads the echo (as the harness's idle cell does;
 * --quiet: the clients send nothing). Once all are accepted (and echoed) it prints the
 * growth of the Zend heap (memory_get_usage()) and of RSS per connection. RSS also counts
 * libc malloc (libevent's events and buffers) and, with io_uring, the ring's share.
 * Needs pcntl; bounded: gives up after 60 s.
 */
declare(strict_types=1);

$n = 2000;
$quiet = false;
foreach (array_slice($argv, 1) as $a) {
    if ($a === '--quiet') {
        $quiet = true;
    } elseif (preg_match('/^\d+$/', $a)) {
        $n = (int)$a;
    } else {
        fwrite(STDERR, "usage: php idle_memory.php [N] [--quiet]\n");
        exit(2);
    }
}
$rss = static function (): int {
    foreach (file('/proc/self/status') as $line) {
        if (str_starts_with($line, 'VmRSS:')) {
            return (int)preg_replace('/\D/', '', $line) * 1024;
        }
    }
    return 0;
};

$base = new EventBase();
$conns = 0;
$echoed = 0;
$onData = static function (AsyncStream $c, string $d) use (&$echoed): void {
    $c->write($d);
    $echoed++;
};
$server = new AsyncStreamServer($base, "127.0.0.1:0", static function (AsyncStream $c) use (&$conns, $onData): void {
    $conns++;
    $c->onData($onData);
});
$addr = $server->getAddress();

// The child learns that the parent is done (or gone) from EOF on this pair: no signals, no sleeps.
[$parentEnd, $childEnd] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
gc_collect_cycles();
$m0 = memory_get_usage();
$r0 = $rss();
$pid = pcntl_fork();
if ($pid < 0) {
    fwrite(STDERR, "fork failed\n");
    exit(1);
}
if ($pid === 0) {
    fclose($parentEnd);
    $cs = [];
    for ($i = 0; $i < $n; $i++) {
        $c = stream_socket_client($addr, $errno, $errstr, 30);
        if ($c === false) {
            fwrite(STDERR, "client $i: $errstr\n");
            break;
        }
        if (!$quiet) {
            fwrite($c, "x");
            fread($c, 1);
        }
        $cs[] = $c;
    }
    fread($childEnd, 1); // until the parent closes its end
    exit(0);
}
fclose($childEnd);

$want = $n;
$deadline = microtime(true) + 60;
$t = Event::timer($base, static function () use ($base, &$conns, &$echoed, $quiet, $want, $deadline, &$t): void {
    if (($quiet ? $conns : $echoed) >= $want || microtime(true) > $deadline) {
        $base->stop();
    } else {
        $t->add(0.02);
    }
});
$t->add(0.02);
$base->loop();
gc_collect_cycles();
printf("%s conns=%d emalloc/conn=%.0f rss/conn=%.0f%s\n", ini_get('asyncstream.io_uring') ?: 'off', $conns,
    (memory_get_usage() - $m0) / max(1, $conns), ($rss() - $r0) / max(1, $conns), $quiet ? ' (quiet)' : '');
fclose($parentEnd);
pcntl_waitpid($pid, $status);
