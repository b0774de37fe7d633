--TEST--
Event: $pending and pending($flags) say what the event waits for
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$ev = new Event($base, $a, Event::READ, function () {});
$show = function (string $when) use ($ev) {
    printf("%-16s pending=%d READ=%d WRITE=%d TIMEOUT=%d\n", $when, $ev->pending,
        $ev->pending(Event::READ), $ev->pending(Event::WRITE), $ev->pending(Event::TIMEOUT));
};
$show("new");
$ev->add();
$show("add()");
$ev->add(30);
$show("add(30)");
$ev->del();
$show("del()");

$ev->add();
fwrite($b, "x");
$base->loop(EventBase::LOOP_ONCE);
$show("after firing");

try {
    $ev->pending = true;
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
var_dump(isset($ev->pending));
?>
--EXPECT--
new              pending=0 READ=0 WRITE=0 TIMEOUT=0
add()            pending=1 READ=1 WRITE=0 TIMEOUT=0
add(30)          pending=1 READ=1 WRITE=0 TIMEOUT=1
del()            pending=0 READ=0 WRITE=0 TIMEOUT=0
after firing     pending=0 READ=0 WRITE=0 TIMEOUT=0
Cannot modify readonly property Event::$pending
bool(true)
