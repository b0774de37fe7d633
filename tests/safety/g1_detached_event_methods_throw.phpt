--TEST--
Event: every method of an Event whose EventBase was freed throws Error, $pending reads false
--FILE--
<?php
$base = new EventBase();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$ev = new Event($base, $r, Event::READ | Event::PERSIST, function () { echo "never\n"; });
$ev->add(5);
$base->free();
$base->free(); // idempotent
var_dump($ev->pending);

$calls = [
	'set'         => [$base, $r, Event::READ],
	'setTimer'    => [$base, function () {}],
	'add'         => [],
	'addTimer'    => [0.01],
	'addSignal'   => [],
	'del'         => [],
	'delTimer'    => [],
	'delSignal'   => [],
	'removeTimer' => [],
	'setPriority' => [0],
	'pending'     => [Event::READ],
];
foreach ($calls as $method => $args) {
	try {
		$ev->$method(...$args);
		echo "$method: no exception\n";
	} catch (Throwable $e) {
		echo "$method: ", get_class($e), ": ", $e->getMessage(), "\n";
	}
}
$base2 = new EventBase();
try {
	$base2->set($ev);
	echo "EventBase::set: no exception\n";
} catch (Throwable $e) {
	echo "EventBase::set: ", get_class($e), ": ", $e->getMessage(), "\n";
}
$ev->free(); // still allowed and idempotent
var_dump($ev->pending);
$ev->data = ['still', 'works'];
var_dump($ev->data);
fwrite($w, "x");
var_dump($base2->loop(EventBase::LOOP_NONBLOCK));
echo "done\n";
?>
--EXPECT--
bool(false)
set: Error: Event::set(): the event's EventBase has been freed
setTimer: Error: Event::setTimer(): the event's EventBase has been freed
add: Error: Event::add(): the event's EventBase has been freed
addTimer: Error: Event::addTimer(): the event's EventBase has been freed
addSignal: Error: Event::addSignal(): the event's EventBase has been freed
del: Error: Event::del(): the event's EventBase has been freed
delTimer: Error: Event::delTimer(): the event's EventBase has been freed
delSignal: Error: Event::delSignal(): the event's EventBase has been freed
removeTimer: Error: Event::removeTimer(): the event's EventBase has been freed
setPriority: Error: Event::setPriority(): the event's EventBase has been freed
pending: Error: Event::pending(): the event's EventBase has been freed
EventBase::set: Error: EventBase::set(): the event's EventBase has been freed
bool(false)
array(2) {
  [0]=>
  string(5) "still"
  [1]=>
  string(5) "works"
}
bool(true)
done
