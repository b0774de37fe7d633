--TEST--
EventConfig: avoidMethod("epoll") makes the base use another backend that works
--FILE--
<?php
$cfg = new EventConfig();
var_dump($cfg->avoidMethod("epoll"));
$base = new EventBase($cfg);
var_dump($base->getMethod());

$cfg->avoidMethod("poll");
$base2 = new EventBase($cfg);
var_dump($base2->getMethod());

foreach ([$base, $base2] as $b) {
    [$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
    $ev = new Event($b, $x, Event::READ, function ($fd) use ($b) {
        echo $b->getMethod(), " read ", fread($fd, 10), "\n";
    });
    $ev->add();
    fwrite($y, "ok");
    $b->loop();
}
?>
--EXPECT--
bool(true)
string(4) "poll"
string(6) "select"
poll read ok
select read ok
