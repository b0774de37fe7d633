<?php
/*
 * A prefork HTTP "hello" server: the parent listens once, forks N workers that all
 * accept on the inherited socket with the inherited EventBase (no reInit() needed), and
 * supervises them. SIGTERM/SIGINT to the parent stops everything gracefully.
 *
 *   php -d extension=asyncstream examples/prefork.php [address] [workers]
 *   php -d extension=asyncstream examples/prefork.php tcp://0.0.0.0:8080 4
 *   curl http://127.0.0.1:8080/
 *
 * Prints "listening on ADDRESS" (port 0 picks a free one), then one line per worker.
 */
$address = $argv[1] ?? 'tcp://127.0.0.1:8080';
$nworkers = max(1, (int)($argv[2] ?? 2));

$base = new EventBase();
$conns = [];
$requests = 0;

$server = new AsyncStreamServer($base, $address, function (AsyncStream $conn) use (&$conns, &$requests) {
    $id = spl_object_id($conn);
    $conns[$id] = $conn;
    $buffer = '';
    $conn->setTimeout(30); // idle connections do not pin a worker forever
    $conn->onData(function (AsyncStream $c, string $data) use (&$buffer, &$requests) {
        $buffer .= $data;
        if (!str_contains($buffer, "\r\n\r\n")) {
            return; // the request head is not complete yet
        }
        $requests++;
        $body = "hello from worker " . getmypid() . "\n";
        $c->end("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " . strlen($body)
            . "\r\nConnection: close\r\n\r\n" . $body);
    });
    $conn->onClose(function () use (&$conns, $id) {
        unset($conns[$id]);
    });
});
// The parent only supervises: it never accepts. Workers resume() after the fork.
$server->pause();
// Hold the signals until each process has its handlers (they stay pending meanwhile),
// so a SIGTERM that arrives early is never lost nor fatal.
$sigs = [SIGTERM, SIGINT, SIGCHLD];
pcntl_sigprocmask(SIG_BLOCK, $sigs);
echo "listening on " . $server->getAddress() . "\n";

$workers = [];
for ($i = 0; $i < $nworkers; $i++) {
    $pid = pcntl_fork();
    if ($pid === -1) {
        fwrite(STDERR, "fork failed\n");
        break;
    }
    if ($pid === 0) {
        // Worker: the first libevent call here reinitialises the inherited base by itself.
        $stop = function () use ($server, $base, &$conns) {
            $server->close();              // stop accepting; the socket stays open in the others
            foreach ($conns as $c) {
                $c->close();
            }
            $base->stop();
        };
        $signals = [Event::signal($base, SIGTERM, $stop), Event::signal($base, SIGINT, $stop)];
        foreach ($signals as $s) {
            $s->add();
        }
        pcntl_sigprocmask(SIG_UNBLOCK, $sigs);
        $server->resume();
        echo "worker " . getmypid() . " started\n"; // one write: lines of workers never mix
        $base->loop();
        // A second signal (Ctrl-C reaches the whole process group, then the parent forwards
        // SIGTERM) must not kill us on the way out: hold them from here on.
        pcntl_sigprocmask(SIG_BLOCK, $sigs);
        echo "worker " . getmypid() . " stopped after $requests requests\n";
        exit(0);
    }
    $workers[$pid] = true;
}

// Parent: forward SIGTERM/SIGINT to the workers, reap them, leave when all are gone.
$shutdown = function (int $signo) use (&$workers) {
    foreach (array_keys($workers) as $pid) {
        posix_kill($pid, SIGTERM);
    }
};
$reap = function () use (&$workers, $base) {
    while (($pid = pcntl_waitpid(-1, $status, WNOHANG)) > 0) {
        unset($workers[$pid]);
        echo "worker $pid exited with status "
            . (pcntl_wifexited($status) ? pcntl_wexitstatus($status) : "signal " . pcntl_wtermsig($status)) . "\n";
    }
    if (!$workers) {
        $base->stop();
    }
};
$signals = [
    Event::signal($base, SIGTERM, $shutdown),
    Event::signal($base, SIGINT, $shutdown),
    Event::signal($base, SIGCHLD, $reap),
];
foreach ($signals as $s) {
    $s->add();
}
pcntl_sigprocmask(SIG_UNBLOCK, $sigs);
$reap(); // a worker may already have exited
if ($workers) {
    $base->loop();
}
pcntl_sigprocmask(SIG_BLOCK, $sigs);
$server->close();
echo "parent: all workers gone, bye\n";
