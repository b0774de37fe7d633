--TEST--
AsyncStreamServer: prefork - the parent listens, two forked workers run the loop on the inherited base without reInit(), both serve, the parent's loop is unaffected, workers exit cleanly on SIGTERM (G5)
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';
$parent = getmypid();
$base = new EventBase();
$conns = [];
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c, AsyncStreamServer $srv) use (&$conns, $parent, $base) {
    $conns[] = $c;
    if (getmypid() !== $parent) {
        $srv->pause(); // one connection per worker: the next one must go to the other worker
        $c->end("worker " . getmypid());
    } else {
        $c->end("parent");
        $base->stop();
    }
});
$addr = $server->getAddress();

$workers = [];
for ($i = 0; $i < 2; $i++) {
    [$mine, $theirs] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
    $pid = pcntl_fork();
    if ($pid === 0) {
        fclose($mine);
        // The worker's first libevent call on the inherited base: no reInit() anywhere.
        $term = Event::signal($base, SIGTERM, function () use ($server, $base) {
            $server->close();
            $base->stop();
        });
        $term->add();
        fwrite($theirs, "ready\n");
        $base->loop();
        $conns = [];
        exit(0);
    }
    fclose($theirs);
    $workers[$pid] = $mine;
}
foreach ($workers as $pid => $sock) {
    if (as_read_line($sock) !== "ready") echo "worker $pid not ready\n";
}

$seen = [];
for ($i = 0; $i < 2; $i++) {
    $c = stream_socket_client($addr, $errno, $errstr, 30);
    stream_set_timeout($c, 60);
    $reply = stream_get_contents($c);
    fclose($c);
    $pid = (int)substr($reply, strlen("worker "));
    $seen[$pid] = true;
}
ksort($seen);
$pids = array_keys($workers);
sort($pids);
var_dump(array_keys($seen) === $pids);

foreach ($workers as $pid => $sock) {
    posix_kill($pid, SIGTERM);
}
foreach ($workers as $pid => $sock) {
    pcntl_waitpid($pid, $status);
    echo "worker exited: ", pcntl_wifexited($status) ? "status " . pcntl_wexitstatus($status) : "by signal " . pcntl_wtermsig($status), "\n";
}

// The parent's own registration survived everything the workers did.
$c = stream_socket_client($addr, $errno, $errstr, 30);
var_dump($base->loop());
stream_set_timeout($c, 60);
echo "parent's loop: ", stream_get_contents($c), "\n";
var_dump($server->isListening());
?>
--EXPECT--
bool(true)
worker exited: status 0
worker exited: status 0
bool(true)
parent's loop: parent
bool(true)
