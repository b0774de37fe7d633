--TEST--
EventBase: resume() inside a callback makes the loop poll again before running the rest of the batch
--FILE--
<?php
function run(bool $resume): void {
    [$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
    $base = new EventBase();
    $base->priorityInit(2);
    $log = [];
    $read = new Event($base, $x, Event::READ, function ($fd) use (&$log) { $log[] = "read"; fread($fd, 10); });
    $read->setPriority(0);
    $read->add();
    $a = Event::timer($base, function () use (&$log, $y, $base, $resume) {
        $log[] = "A";
        fwrite($y, "x");
        if ($resume) {
            var_dump($base->resume());
        }
    });
    $b = Event::timer($base, function () use (&$log) { $log[] = "B"; });
    $a->setPriority(1);
    $b->setPriority(1);
    $a->add(0);
    $b->add(0);
    $base->loop();
    echo implode(" ", $log), "\n";
}
run(false);
run(true);
?>
--EXPECT--
A B read
bool(true)
A read B
