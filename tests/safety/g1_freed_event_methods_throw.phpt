--TEST--
Event: every method of a freed Event throws Error, $pending reads false and $data stays writable
--FILE--
<?php
$base = new EventBase();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$ev = new Event($base, $r, Event::READ | Event::PERSIST, function () { echo "never\n"; });
$ev->add(5);
$ev->free();
$ev->free(); // idempotent

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
try {
	$base->set($ev);
	echo "EventBase::set: no exception\n";
} catch (Throwable $e) {
	echo "EventBase::set: ", get_class($e), ": ", $e->getMessage(), "\n";
}
var_dump($ev->pending);
$ev->data = ['still', 'works'];
var_dump($ev->data);
fwrite($w, "x");
var_dump($base->loop(EventBase::LOOP_NONBLOCK));
echo "done\n";
?>
--EXPECT--
set: Error: Event::set(): the event has been freed
setTimer: Error: Event::setTimer(): the event has been freed
add: Error: Event::add(): the event has been freed
addTimer: Error: Event::addTimer(): the event has been freed
addSignal: Error: Event::addSignal(): the event has been freed
del: Error: Event::del(): the event has been freed
delTimer: Error: Event::delTimer(): the event has been freed
delSignal: Error: Event::delSignal(): the event has been freed
removeTimer: Error: Event::removeTimer(): the event has been freed
setPriority: Error: Event::setPriority(): the event has been freed
pending: Error: Event::pending(): the event has been freed
EventBase::set: Error: EventBase::set(): the event has been freed
bool(false)
array(2) {
  [0]=>
  string(5) "still"
  [1]=>
  string(5) "works"
}
bool(true)
done
