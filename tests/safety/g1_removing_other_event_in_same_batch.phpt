--TEST--
Event: del(), free() or dropping the last reference of another event that is queued in the same batch prevents its callback
--FILE--
<?php
// 'keep' is the control: both callbacks really are queued in the same batch.
foreach (['keep', 'del', 'free', 'unset'] as $how) {
	foreach (['timer', 'io'] as $kind) {
		$base = new EventBase();
		$ran = [];
		$events = [];
		$pairs = [];
		$cb = function ($fd, $what, $name) use (&$ran, &$events, $how) {
			$ran[] = $name;
			$other = $name === 'a' ? 'b' : 'a';
			if ($how === 'keep' || !isset($events[$other])) {
				return;
			}
			switch ($how) {
				case 'del':   $events[$other]->del(); break;
				case 'free':  $events[$other]->free(); break;
				case 'unset': unset($events[$other]); break;
			}
		};
		foreach (['a', 'b'] as $name) {
			if ($kind === 'timer') {
				$events[$name] = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, $cb, $name);
				$events[$name]->add(0);
			} else {
				$pairs[$name] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
				fwrite($pairs[$name][1], "x");
				$events[$name] = new Event($base, $pairs[$name][0], Event::READ | Event::PERSIST, $cb, $name);
				$events[$name]->add();
			}
		}
		// One batch: both are active, the first to run removes the other.
		$base->loop(EventBase::LOOP_ONCE);
		echo "$how/$kind: ", count($ran), " ran\n";
		foreach ($events as $ev) {
			$ev->free();
		}
	}
}
?>
--EXPECT--
keep/timer: 2 ran
keep/io: 2 ran
del/timer: 1 ran
del/io: 1 ran
free/timer: 1 ran
free/io: 1 ran
unset/timer: 1 ran
unset/io: 1 ran
