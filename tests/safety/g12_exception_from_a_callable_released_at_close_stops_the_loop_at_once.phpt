--TEST--
G4/G12: an exception thrown by the destructor of a callable the extension releases when a stream closes comes out of loop() at once, even while other streams stay readable
--EXTENSIONS--
pcntl
--FILE--
<?php
/*
 * Found by scripts/fuzz.php (issue #10, F3b in the fuzz findings): user code that the
 * extension runs inside libevent's callbacks outside a user callback (here the destructor
 * of the onClose callable, released once the stream closed) threw; the stream read/write/
 * timer callbacks skipped their work while the exception was pending but nothing broke
 * the loop, so a readable stream made it spin at 100% CPU (seen spinning inside
 * libevent's active queue, so the guard timer below may never run: then run-tests'
 * timeout fails the test).
 */
class D
{
    public function __destruct()
    {
        echo "D::__destruct throws\n";
        throw new Exception("thrown from a released callable's destructor");
    }
}

class OnClose
{
    public function __construct(public D $d)
    {
    }

    public function __invoke(AsyncStream $s, ?Throwable $err = null): void
    {
        echo "s1 onClose\n";
    }
}

pcntl_alarm(20); // SIGALRM ends a spinning loop that no PHP code can stop (the test then fails)
$base = new EventBase();
[$a1, $b1] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
[$a2, $b2] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
$s1 = new AsyncStream($base, $a1);
$s1->onClose(new OnClose(new D));   // released by the extension once s1 has closed
fclose($b1);                        // s1 reads EOF and closes
$s2 = new AsyncStream($base, $a2);
$got = 0;
$s2->onData(function (AsyncStream $s, string $data) use (&$got) {
    $got += strlen($data);
});
stream_set_blocking($b2, false);
fwrite($b2, str_repeat("x", 100000)); // s2 stays readable
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
var_dump($s1->isClosed(), $s2->isClosed());
?>
--EXPECT--
s1 onClose
D::__destruct throws
Exception: thrown from a released callable's destructor
bool(true)
bool(true)
bool(false)
