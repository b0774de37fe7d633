--TEST--
io_uring: a forked child uses a stream made before the fork through a ring of its own; the parent's ring and its armed receive are untouched (G5)
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
$got = '';
$s->onData(function (AsyncStream $s, string $d) use (&$got, $base) {
    $got .= $d;
    if (str_ends_with($got, "\n")) {
        $base->stop();
    }
});
// No loop runs: the receive is submitted to the parent's ring at once, and stays armed.
$pid = pcntl_fork();
if ($pid === 0) {
    echo "child: ", $s->getIoMethod(), "\n";
    $s->onData(null);
    $s->write("from the child\n");
    $base->loop(EventBase::LOOP_NONBLOCK);
    exit(0);
}
pcntl_waitpid($pid, $status);
echo "child exited: ", pcntl_wexitstatus($status), "\n";
stream_set_blocking($b, true);
echo "parent read: ", fgets($b);
fwrite($b, "to the parent\n");
$dog = Event::timer($base, function () use ($base) { echo "WATCHDOG\n"; $base->stop(); });
$dog->add(20);
$base->loop();
echo "parent's stream got: ", $got;
$s->close();
?>
--EXPECT--
child: io_uring
child exited: 0
parent read: from the child
parent's stream got: to the parent
