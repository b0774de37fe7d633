--TEST--
AsyncStream: a lookup in flight at fork() completes in parent and child, each on its own resolver sockets
--EXTENSIONS--
pcntl
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$dns = as_dns_responder();
[$srv, $addr] = as_listen();
$port = substr($addr, strrpos($addr, ':') + 1);
$base = new EventBase();
$mk = fn() => AsyncStream::connect($base, "slow.test:$port", ['timeout' => 20]);
$s = $mk();
// The lookup is on the wire (held by the responder) when the process forks.
$base->loop(EventBase::LOOP_NONBLOCK);
$pid = pcntl_fork();
if ($pid === 0) {
    $s->onConnect(function ($s) { $s->close(); exit(42); })
      ->onClose(function ($s, $e) { if ($e) { fwrite(STDERR, "child: " . $e->getMessage() . "\n"); exit(1); } });
    // Release the held answers only once the child's own query was sent.
    $go = Event::timer($base, function () use ($dns) {
        $udp = stream_socket_client("udp://127.0.0.1:{$dns[2]}");
        fwrite($udp, "go");
    });
    $go->add(0.2);
    $base->loop();
    exit(2);
}
$dog = as_watchdog($base, 30);
$peers = [];
$acc = as_accept_one($base, $srv, function ($p) use (&$peers) { $peers[] = $p; }, 2);
$s->onConnect(function ($s) use ($dog, $pid) {
    echo "parent connected\n";
    pcntl_waitpid($pid, $status);
    echo "child exit code: ", pcntl_wexitstatus($status), "\n";
    $s->close();
    $dog->del();
})->onClose(fn($s, $e) => print("parent closed: " . as_err($e) . "\n"));
$base->loop();
foreach ($peers as $p) $p->close();
$acc->free();
as_dns_responder_stop($dns);
?>
--EXPECT--
parent connected
child exit code: 42
parent closed: null
