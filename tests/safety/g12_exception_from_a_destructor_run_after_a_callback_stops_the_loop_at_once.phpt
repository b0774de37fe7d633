--TEST--
G4/G12: an exception thrown by a destructor that runs when the extension lets go of a callback's event (after the callback) comes out of loop() at once
--EXTENSIONS--
pcntl
--FILE--
<?php
/*
 * Found by scripts/fuzz.php (issue #10, F3 in the fuzz findings): as_invoke() released the
 * callable and the owner after deciding the callback had not thrown, so an exception (or
 * exit()) from a destructor run then stayed pending while the loop went on; a stream's
 * timer then re-armed itself at 0 s forever (100% CPU). A guard timer ends the loop after
 * 5 s if that happens, and the time check fails.
 */
class D
{
    public function __destruct()
    {
        echo "D::__destruct throws\n";
        throw new Exception("thrown from a destructor");
    }
}

pcntl_alarm(20); // SIGALRM ends a spinning loop that no PHP code can stop (the test then fails)
$base = new EventBase();
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
$s = new AsyncStream($base, $a);
$e = Event::timer($base, function () use (&$e) {
    echo "callback drops the last reference to its event\n";
    $e = null;         // the Event and its $arg (a D) are released after this returns
}, new D);
$e->addTimer(0);
// The stream's own timer is due while the exception is pending. Set after $e's: when the
// machine is slow (valgrind) and both are due at the first turn, $e's still runs first.
$s->setTimeout(0.05);
$guard = Event::timer($base, function () {
    echo "guard: the loop went on with the exception pending\n";
});
$guard->addTimer(5);

$t = microtime(true);
try {
    $base->loop();
    echo "loop() returned without the exception\n";
} catch (Exception $x) {
    echo get_class($x), ": ", $x->getMessage(), "\n";
}
var_dump(microtime(true) - $t < 4);
var_dump($s->isClosed());
?>
--EXPECT--
callback drops the last reference to its event
D::__destruct throws
Exception: thrown from a destructor
bool(true)
bool(false)
