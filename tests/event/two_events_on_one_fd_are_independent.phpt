--TEST--
Event: two READ events and a WRITE event on one descriptor are added and deleted independently
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
stream_set_blocking($a, false);
$base = new EventBase();
$log = [];
$r1 = new Event($base, $a, Event::READ | Event::PERSIST, function ($fd) use (&$log) {
    $log[] = "r1:" . fread($fd, 100);
});
$r2 = new Event($base, $a, Event::READ | Event::PERSIST, function ($fd) use (&$log) {
    $log[] = "r2";
});
$w = new Event($base, $a, Event::WRITE, function ($fd, $what) use (&$log) {
    $log[] = "w:$what";
});

function batch($base, &$log) {
    $log = [];
    $base->loop(EventBase::LOOP_ONCE);
    sort($log); // libevent does not promise an order between events on one fd
    echo implode(" ", $log), "\n";
}

$r1->add(); $r2->add(); $w->add();
fwrite($b, "x");
batch($base, $log);
var_dump($r1->pending, $r2->pending, $w->pending);

echo "-- r2 deleted\n";
$r2->del();
fwrite($b, "y");
batch($base, $log);

echo "-- r1 deleted, r2 added back\n";
$r1->del();
$r2->add();
fwrite($b, "z");
batch($base, $log);
var_dump(fread($a, 100));

echo "-- only the WRITE event\n";
$r2->del();
$w->add();
batch($base, $log);
?>
--EXPECT--
r1:x r2 w:4
bool(true)
bool(true)
bool(false)
-- r2 deleted
r1:y
-- r1 deleted, r2 added back
r2
string(1) "z"
-- only the WRITE event
w:4
