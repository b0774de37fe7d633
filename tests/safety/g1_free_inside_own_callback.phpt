--TEST--
Event: free() inside its own PERSIST callback stops further calls while the running closure stays usable
--FILE--
<?php
$base = new EventBase();
$payload = str_repeat("captured-", 2); // refcounted, owned by the closure only after unset
$calls = 0;
$ev = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function ($fd, $what, $arg) use (&$ev, &$calls, $payload) {
	$calls++;
	if ($calls < 3) {
		return;
	}
	$ev->free();               // drops the callback (this very closure) and $arg
	var_dump($ev->pending);
	echo $payload, strlen($arg), "\n"; // still valid: the trampoline holds its own references
	try {
		$ev->add(0);
	} catch (Error $e) {
		echo $e->getMessage(), "\n";
	}
}, str_repeat("a", 5));
unset($payload);
$ev->add(0.001);
var_dump($base->loop());
var_dump($calls);
// a second loop has nothing to do: the freed event is gone from libevent
var_dump($base->loop(EventBase::LOOP_NONBLOCK), $calls);
?>
--EXPECT--
bool(false)
captured-captured-5
Event::add(): the event has been freed
bool(true)
int(3)
bool(true)
int(3)
