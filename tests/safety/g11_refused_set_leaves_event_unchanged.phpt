--TEST--
Event: a set() refused because the event is pending or an argument is bad leaves the event unchanged, callback shape included
--FILE--
<?php
$base = new EventBase();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$sig = Event::signal($base, SIGUSR1, function (...$args) use ($base) {
	echo "signal callback: ", json_encode($args), "\n";
	$base->stop();
}, "sig-arg");
$sig->add();
var_dump($sig->set($base, $r, Event::READ));            // pending: refused with a warning
try {
	$sig->set($base, "not a descriptor", Event::READ);  // bad argument
} catch (TypeError $e) {
	echo $e->getMessage(), "\n";
}
posix_kill(posix_getpid(), SIGUSR1);
$base->loop();

// Once deleted, set() with $what = null keeps SIGNAL and the ($signum, $arg) shape.
$sig->del();
var_dump($sig->set($base, SIGUSR2));
$sig->add();
posix_kill(posix_getpid(), SIGUSR2);
$base->loop();
$sig->free();

$timer = Event::timer($base, function (...$args) { echo "timer callback: ", json_encode($args), "\n"; }, "t-arg");
$timer->add(0);
var_dump($timer->set($base, $r, Event::READ));
$base->loop();
?>
--EXPECTF--
Warning: Event::set(): cannot modify a pending event: call del() first in %s on line %d
bool(false)
Event::set(): Argument #2 ($fd) must be of type resource|Socket|int, string given
signal callback: [%d,"sig-arg"]
bool(true)
signal callback: [%d,"sig-arg"]

Warning: Event::set(): cannot modify a pending event: call del() first in %s on line %d
bool(false)
timer callback: ["t-arg"]
