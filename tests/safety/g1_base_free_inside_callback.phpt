--TEST--
EventBase: free() inside a callback stops the loop, detaches every event and runs nothing else queued in the same batch
--FILE--
<?php
$base = new EventBase();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
fwrite($w, "ready");
$ran = [];
// Both are active in the first batch (readable socket, zero timeout); whichever runs first frees the base.
$first = function ($fd, $what, $name) use (&$ran, $base, &$events) {
	$ran[] = $name;
	$base->free();
	echo "inside: ", $events['io']->pending ? "pending" : "not pending", "\n";
	try {
		$base->loop();
	} catch (Error $e) {
		echo "inside: ", $e->getMessage(), "\n";
	}
	try {
		$events[$name]->add(1);
	} catch (Error $e) {
		echo "inside: ", $e->getMessage(), "\n";
	}
	$events[$name]->free();
};
$events = [
	'io'    => new Event($base, $r, Event::READ | Event::PERSIST, $first, 'io'),
	'timer' => new Event($base, -1, Event::TIMEOUT, $first, 'timer'),
	'later' => new Event($base, -1, Event::TIMEOUT | Event::PERSIST, $first, 'later'),
];
$events['io']->add();
$events['timer']->add(0);
$events['later']->add(30);
var_dump($base->loop());
var_dump(count($ran));
foreach ($events as $name => $ev) {
	echo "$name: ", $ev->pending ? "pending" : "not pending", "\n";
}
try {
	$base->getMethod();
} catch (Error $e) {
	echo $e->getMessage(), "\n";
}
unset($events, $first);
echo "done\n";
?>
--EXPECT--
inside: not pending
inside: EventBase::loop(): the EventBase has been freed
inside: Event::add(): the event's EventBase has been freed
bool(true)
int(1)
io: not pending
timer: not pending
later: not pending
EventBase::getMethod(): the EventBase has been freed
done
