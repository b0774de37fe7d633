--TEST--
Event: exit(7) inside a callback ends the process with status 7 after its shutdown functions
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
$pid = pcntl_fork();
if ($pid === 0) {
	$base = new EventBase();
	register_shutdown_function(function () { echo "child shutdown function ran\n"; });
	$keep = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () {});
	$keep->add(30);
	$ev = Event::timer($base, function () { echo "child callback\n"; exit(7); });
	$ev->add(0);
	$base->loop();
	echo "child: not reached\n";
	exit(1);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wifexited($status), pcntl_wexitstatus($status));
?>
--EXPECT--
child callback
child shutdown function ran
bool(true)
int(7)
