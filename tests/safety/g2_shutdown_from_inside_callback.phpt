--TEST--
Shutdown: exit() inside a callback with other events pending, static and global holders and a running loop ends quietly
--FILE--
<?php
class Holder {
	public static array $events = [];
	public static ?EventBase $base = null;
}
function keep(Event $ev) {
	static $kept = [];
	$kept[] = $ev;
}
Holder::$base = new EventBase();
$base2 = new EventBase();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
Holder::$events[] = new Event(Holder::$base, $r, Event::READ | Event::PERSIST, function () {});
Holder::$events[0]->add();
$cross = new Event($base2, -1, Event::TIMEOUT, function () use (&$cross) {});
$cross->add(30);
keep($cross);
Holder::$events[] = $cross;
$self = Event::timer(Holder::$base, function () use (&$self, $base2) {
	echo "in callback\n";
	keep($self);
	exit();
});
$self->add(0);
Holder::$base->loop();
echo "not reached\n";
?>
--EXPECT--
in callback
