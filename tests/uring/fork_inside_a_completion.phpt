--TEST--
io_uring: pcntl_fork() inside onData (the ring's completion dispatch on the stack) is safe in both processes; the child's write and exit() reach the peer, the parent goes on
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--EXTENSIONS--
pcntl
--INI--
asyncstream.io_uring=on
--FILE--
<?php
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $a);
fclose($a);
$pid = 0;
$s->onData(function (AsyncStream $s, string $d) use (&$pid, $base) {
    if ($d === "fork\n") {
        $pid = pcntl_fork();
        if ($pid === 0) {
            $s->write("child saw the fork\n");
            exit(0);
        }
        return;
    }
    echo "parent got: $d";
    $base->stop();
});
fwrite($b, "fork\n");
$dog = Event::timer($base, function () use ($base) { echo "WATCHDOG\n"; $base->stop(); });
$dog->add(20);
$t = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use (&$pid, $b) {
    if ($pid > 0) {
        pcntl_waitpid($pid, $status);
        echo "child exited: ", pcntl_wexitstatus($status), "\n";
        stream_set_blocking($b, true);
        echo "peer read: ", fgets($b);
        fwrite($b, "after the child\n");
        $pid = -1;
    }
});
$t->add(0.01);
$base->loop();
$s->close();
?>
--EXPECT--
child exited: 0
peer read: child saw the fork
parent got: after the child
