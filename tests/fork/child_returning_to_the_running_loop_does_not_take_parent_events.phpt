--TEST--
G5: a child forked inside a callback that returns to the running loop polls its own backend, so it takes no edge-triggered event from the parent
--EXTENSIONS--
pcntl
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$inChild = false;
$edge = new Event($base, $a, Event::READ | Event::ET | Event::PERSIST, function ($fd) use (&$inChild, $base) {
    if ($inChild) {
        exit(0); // the child saw the data on its own backend: done
    }
    echo "parent read: ", fread($fd, 100), "\n";
    $base->exit();
});
$edge->add();

$fork = Event::timer($base, function () use (&$inChild, $b) {
    fwrite($b, "x");
    $pid = pcntl_fork();
    if ($pid === 0) {
        $inChild = true;
        return; // straight back into libevent's loop, no other call
    }
    pcntl_waitpid($pid, $status);
    echo "child exited with ", pcntl_wexitstatus($status), "\n";
});
$fork->add(0);
$guard = Event::timer($base, function () use ($base) {
    echo "parent: no READ event within 20 s\n";
    $base->stop();
});
$guard->add(20);
$base->loop();
?>
--EXPECT--
child exited with 0
parent read: x
