--TEST--
AsyncStream: after fork() the child uses an inherited stream without reInit(); the parent's stream is unaffected
--EXTENSIONS--
pcntl
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = as_pair($base);
$got = '';
$b->onData(function ($s, $d) use (&$got) { $got .= $d; });
$pid = pcntl_fork();
if ($pid === 0) {
    // The child leaves the reading to the parent, talks over the inherited stream and closes its copies.
    $b->close();
    $a->write("from child;");
    $a->close();
    $base->loop(EventBase::LOOP_NONBLOCK);
    exit(0);
}
pcntl_waitpid($pid, $status);
// The parent's copy of $a is still open and working: the child's close() only closed the child's fd.
var_dump($a->isClosed());
$a->write("from parent");
$a->end();
$dog = as_watchdog($base);
$b->onEnd(function ($s) use ($dog) { $s->close(); $dog->del(); });
$base->loop();
echo $got, "\n";
?>
--EXPECT--
bool(false)
from child;from parent
