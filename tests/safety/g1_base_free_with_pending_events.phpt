--TEST--
EventBase: free() with timer, I/O and signal events pending detaches them all; the events stay safe to use and to drop
--FILE--
<?php
$base = new EventBase();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$cb = function () { echo "never\n"; };
$timer = Event::timer($base, $cb);
$timer->add(0);
$io = new Event($base, $r, Event::READ | Event::WRITE | Event::PERSIST, $cb);
$io->add(10);
$sig = Event::signal($base, SIGUSR2, $cb);
$sig->add();
$weak = WeakReference::create($base);
$base->free();
foreach ([$timer, $io, $sig] as $ev) {
	var_dump($ev->pending);
	try {
		$ev->del();
	} catch (Error $e) {
		echo $e->getMessage(), "\n";
	}
}
// The Events no longer hold the base: dropping our variable releases it.
unset($base);
var_dump($weak->get());
// The signal handler of the freed base is gone: SIGUSR2 is back to what it was.
pcntl_signal(SIGUSR2, function () { echo "PHP handler got SIGUSR2\n"; });
posix_kill(posix_getpid(), SIGUSR2);
pcntl_signal_dispatch();
unset($timer, $io, $sig);
echo "done\n";
?>
--EXPECT--
bool(false)
Event::del(): the event's EventBase has been freed
bool(false)
Event::del(): the event's EventBase has been freed
bool(false)
Event::del(): the event's EventBase has been freed
NULL
PHP handler got SIGUSR2
done
