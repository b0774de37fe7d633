--TEST--
Event: after a callback throws, no other callback of the same batch runs in that loop() call; the next loop() runs each one exactly once
--FILE--
<?php
$base = new EventBase();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
fwrite($w, "x");
$ran = [];
$cb = function ($fd, $what, $name) use (&$ran) {
	$ran[] = $name;
	if (count($ran) === 1) {
		throw new RuntimeException("first of the batch ($name)");
	}
};
// Three events active in the first batch: a zero timer, a readable socket, a writable socket.
$events = [
	new Event($base, -1, Event::TIMEOUT, $cb, 'timer'),
	new Event($base, $r, Event::READ, $cb, 'read'),
	new Event($base, $w, Event::WRITE, $cb, 'write'),
];
$events[0]->add(0);
$events[1]->add();
$events[2]->add();
try {
	$base->loop();
	echo "no exception\n";
} catch (RuntimeException $e) {
	echo "caught: ", $e->getMessage() === "first of the batch ({$ran[0]})" ? "ok" : $e->getMessage(), "\n";
}
echo "ran in the first loop(): ", count($ran), "\n";
var_dump($base->loop());
sort($ran);
echo implode(",", $ran), "\n";
?>
--EXPECT--
caught: ok
ran in the first loop(): 1
bool(true)
read,timer,write
