--TEST--
Event: del() of another event inside a callback stops its callback even when it was ready in the same batch
--FILE--
<?php
$base = new EventBase();
[$a1, $b1] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
[$a2, $b2] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$fired = [];
$e1 = $e2 = null;
$e1 = new Event($base, $a1, Event::READ | Event::PERSIST, function ($fd) use (&$fired, &$e1, &$e2) {
    $fired[] = fread($fd, 10);
    $e2->del();
    $e1->del();
});
$e2 = new Event($base, $a2, Event::READ | Event::PERSIST, function ($fd) use (&$fired, &$e1, &$e2) {
    $fired[] = fread($fd, 10);
    $e1->del();
    $e2->del();
});
$e1->add();
$e2->add();
// Both become readable before the loop polls: one epoll_wait returns both.
fwrite($b1, "1");
fwrite($b2, "2");
var_dump($base->loop());
var_dump($fired === ["1"] || $fired === ["2"]);
var_dump($e1->pending, $e2->pending);
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
bool(false)
