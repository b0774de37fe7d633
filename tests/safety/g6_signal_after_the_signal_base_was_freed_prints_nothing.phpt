--TEST--
G6: a signal arriving after the base that owned signal delivery was freed prints nothing (libevent logs it from its signal handler); the other base takes delivery over in its loop
--EXTENSIONS--
posix
--FILE--
<?php
// Found by scripts/fuzz.php: the log line became a PHP warning raised inside a signal handler.
$a = new EventBase();
$b = new EventBase();
$ea = Event::signal($a, SIGURG, function () use ($a) { echo "a got SIGURG\n"; $a->stop(); });
$ea->add();
$eb = Event::signal($b, SIGURG, function () { echo "b got SIGURG?!\n"; });
$eb->add();                     // b now owns signal delivery
$b->free();
posix_kill(getmypid(), SIGURG); // libevent's handler runs with no base to deliver to
echo "no warning\n";
$t = Event::timer($a, fn() => posix_kill(getmypid(), SIGURG));
$t->add(0);
$guard = Event::timer($a, function () use ($a) { echo "a never got it\n"; $a->stop(); });
$guard->add(20);
$a->loop();
?>
--EXPECT--
no warning
a got SIGURG
