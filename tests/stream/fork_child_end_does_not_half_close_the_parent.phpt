--TEST--
AsyncStream: in a forked child, end() of an inherited stream releases only the child's descriptor; the peer sees no FIN and the parent keeps writing (G5)
--EXTENSIONS--
pcntl
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = as_pair($base);
$events = [];
$b->onData(function ($s, $d) use (&$events) { $events[] = "data:$d"; })
  ->onEnd(function ($s) use (&$events) { $events[] = "end"; $s->close(); });
$pid = pcntl_fork();
if ($pid === 0) {
    $b->close();
    $a->onClose(fn($s, $e) => print("child: onClose " . as_err($e) . ", closed " . var_export($s->isClosed(), true) . "\n"));
    $a->end();                       // in the parent this would be shutdown(SHUT_WR)
    $base->loop(EventBase::LOOP_NONBLOCK);
    exit(0);
}
pcntl_waitpid($pid, $status);
// A FIN from the child would reach $b first; the parent's write must come before any EOF.
var_dump($a->isClosed());
var_dump($a->write("from parent"));
$dog = as_watchdog($base);
$t = Event::timer($base, function () use ($a) { $a->end(); });
$t->add(0.1);
$a->onClose(function ($s, $e) use ($dog) { $dog->del(); });
$base->loop();
echo implode(" ", $events), "\n";
?>
--EXPECT--
child: onClose null, closed true
bool(false)
bool(true)
data:from parent end
