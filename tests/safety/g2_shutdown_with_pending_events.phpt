--TEST--
Shutdown: a script that ends with timer, I/O and signal events pending on live bases prints nothing and leaks nothing
--FILE--
<?php
$base = new EventBase();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$cb = function () { echo "never\n"; };
$events = [
	Event::timer($base, $cb),
	new Event($base, $r, Event::READ | Event::PERSIST, $cb),
	new Event($base, $w, Event::WRITE, $cb),
	Event::signal($base, SIGUSR1, $cb),
	new Event($base, -1, Event::TIMEOUT | Event::PERSIST, $cb),
];
$events[0]->add(60);
$events[1]->add();
$events[2]->add(60);
$events[3]->add();
$events[4]->add(60);
// The base is only reachable through the events from here on.
$second = new EventBase();
$orphan = new Event($second, $r, Event::READ, $cb);
$orphan->add();
unset($second, $base);
echo "done\n";
?>
--EXPECT--
done
