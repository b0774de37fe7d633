--TEST--
G12: a user error handler that throws ErrorException during each warning Event::set(), setTimer(), add(), EventBase::set(), priorityInit() and loop() raise: the exception comes out of the method (or of loop()) and the objects stay consistent
--SKIPIF--
<?php if (!extension_loaded('posix')) die('skip posix needed'); ?>
--FILE--
<?php
function digits_to_n(string $s): string {
	$out = '';
	$in = false;
	foreach (str_split($s) as $c) {
		if ($c >= '0' && $c <= '9') {
			$out .= $in ? '' : 'N';
			$in = true;
		} else {
			$out .= $c;
			$in = false;
		}
	}
	return $out;
}
set_error_handler(function ($no, $str) {
	throw new ErrorException(digits_to_n($str), 0, $no);
});
function attempt(string $what, callable $f) {
	try {
		$r = $f();
		echo "$what: returned ", var_export($r, true), "\n";
	} catch (Throwable $t) {
		echo "$what: ", get_class($t), ": ", $t->getMessage(), "\n";
	}
}
$base = new EventBase();
$log = [];
$e = new Event($base, -1, Event::TIMEOUT, function () use (&$log) { $log[] = 'old cb'; }, 'old');
$e->add(10);
attempt('set() on a pending event', fn() => $e->set($base, -1, Event::TIMEOUT, function () use (&$log) { $log[] = 'new cb'; }, 'new'));
attempt('setTimer() on a pending event', fn() => $e->setTimer($base, function () use (&$log) { $log[] = 'new cb'; }, 'new'));
attempt('EventBase::set() of a pending event', fn() => (new EventBase())->set($e));
echo "still pending with its data: ", var_export($e->pending, true), " ", $e->data, "\n";
$e->del();
$e->add(0);
$base->loop();
echo implode(', ', $log), "\n";

$file = fopen(__FILE__, 'r');
$f = new Event($base, $file, Event::READ, fn() => null);
attempt('add() on a regular file', fn() => $f->add());
echo "pending: ", var_export($f->pending, true), "\n";
$s = Event::signal($base, SIGKILL, fn() => null);
attempt('add() of a SIGKILL event', fn() => $s->add());
attempt('add(null) (deprecated null)', fn() => $e->add(null));
echo "pending: ", var_export($e->pending, true), "\n";

attempt('priorityInit() with events', fn() => $base->priorityInit(2));
$inner = Event::timer($base, function () use ($base) {
	attempt('priorityInit() inside a callback', fn() => $base->priorityInit(2));
	$base->loop();
	echo "not reached\n";
});
$inner->add(0);
$after = Event::timer($base, function () { echo "after: not in the same loop() call\n"; });
$after->add(0);
attempt('loop() called from its own callback', fn() => $base->loop());
attempt('next loop()', fn() => $base->loop());

// a libevent warning from inside the loop (changelist applied during dispatch)
$cfg = new EventConfig();
$cfg->setFlags(EventBase::EPOLL_USE_CHANGELIST);
$b2 = new EventBase($cfg);
[$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
$r = new Event($b2, EventUtil::getSocketFd($x), Event::READ | Event::PERSIST, fn() => print("read\n"));
fclose($x);
$r->add();
$tick = Event::timer($b2, function () { echo "tick: in the next loop() call\n"; });
$tick->add(0.05);
attempt('loop() with a failing change', fn() => $b2->loop());
$r->free();
attempt('next loop()', fn() => $b2->loop());
echo "done\n";
?>
--EXPECT--
set() on a pending event: ErrorException: Event::set(): cannot modify a pending event: call del() first
setTimer() on a pending event: ErrorException: Event::setTimer(): cannot modify a pending event: call del() first
EventBase::set() of a pending event: ErrorException: EventBase::set(): cannot move a pending event to another base: call del() first
still pending with its data: true old
old cb
add() on a regular file: ErrorException: Event::add(): cannot add the event for fd N: Operation not permitted
pending: false
add() of a SIGKILL event: ErrorException: Event::add(): cannot add the event for signal N: sigaction: Invalid argument
add(null) (deprecated null): ErrorException: Event::add(): Passing null to parameter #N ($timeout) of type float is deprecated
pending: false
priorityInit() with events: ErrorException: EventBase::priorityInit(): cannot set N priorities: this EventBase already has events (call priorityInit() before creating any)
priorityInit() inside a callback: ErrorException: EventBase::priorityInit(): cannot set N priorities while the loop of this EventBase is running (called from one of its callbacks)
loop() called from its own callback: ErrorException: EventBase::loop(): the loop of this EventBase is already running (loop() called from one of its callbacks)
after: not in the same loop() call
next loop(): returned true
loop() with a failing change: ErrorException: EventBase::loop(): libevent: Epoll ADD(N) on fd N failed. Old events were N; read change was N (add); write change was N (none); close change was N (none): Bad file descriptor
tick: in the next loop() call
next loop(): returned true
done
