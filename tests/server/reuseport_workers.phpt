--TEST--
AsyncStreamServer: with reuseport two forked workers bind the same port and both accept; without it the second bind fails
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl needed');
if (PHP_OS_FAMILY !== 'Linux') die('skip SO_REUSEPORT load balancing is Linux behaviour');
?>
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';

/* A worker: binds $addr (or port 0 when null), reports its address, serves its pid. */
function worker($sock, ?string $addr): void {
    $base = new EventBase();
    if ($addr !== null) {
        try {
            new AsyncStreamServer($base, $addr, fn() => null); // no reuseport: must fail
            fwrite($sock, "bound without reuseport?!\n");
        } catch (AsyncStreamException $e) {
            fwrite($sock, "without reuseport: " . ($e->getCode() === 98 ? "EADDRINUSE" : $e->getMessage()) . "\n");
        }
    }
    $conns = [];
    $server = new AsyncStreamServer($base, $addr ?? "127.0.0.1:0", function (AsyncStream $c) use (&$conns) {
        $conns[] = $c;
        $c->end((string)getmypid());
    }, ['reuseport' => true]);
    $term = Event::signal($base, SIGTERM, function () use ($server, $base) { $server->close(); $base->stop(); });
    $term->add();
    fwrite($sock, $server->getAddress() . "\n");
    $base->loop();
}

$workers = [];
$addr = null;
for ($i = 0; $i < 2; $i++) {
    [$mine, $theirs] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
    $pid = pcntl_fork();
    if ($pid === 0) {
        fclose($mine);
        worker($theirs, $addr);
        exit(0);
    }
    fclose($theirs);
    $workers[$pid] = $mine;
    if ($addr === null) {
        $addr = as_read_line($mine);
    } else {
        echo as_read_line($mine), "\n";
        var_dump(as_read_line($mine) === $addr);
    }
}

// The kernel spreads connections over both sockets by hash: both workers show up.
$seen = [];
for ($i = 0; $i < 200 && count($seen) < 2; $i++) {
    $c = stream_socket_client($addr, $errno, $errstr, 30);
    stream_set_timeout($c, 60);
    $seen[(int)stream_get_contents($c)] = true;
    fclose($c);
}
$pids = array_keys($workers);
sort($pids);
$got = array_keys($seen);
sort($got);
var_dump($got === $pids);

foreach ($workers as $pid => $s) {
    posix_kill($pid, SIGTERM);
}
foreach ($workers as $pid => $s) {
    pcntl_waitpid($pid, $status);
    echo "worker exit status: ", pcntl_wifexited($status) ? pcntl_wexitstatus($status) : "signal", "\n";
}
?>
--EXPECT--
without reuseport: EADDRINUSE
bool(true)
bool(true)
worker exit status: 0
worker exit status: 0
