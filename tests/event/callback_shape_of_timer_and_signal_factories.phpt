--TEST--
Event: Event::timer() callbacks get ($arg) and Event::signal() callbacks get ($signum, $arg)
--EXTENSIONS--
posix
--FILE--
<?php
$base = new EventBase();
$timer = Event::timer($base, function (...$args) {
    echo "timer: ", json_encode($args), "\n";
}, ["a" => 1]);
$noarg = Event::timer($base, function (...$args) {
    echo "timer without arg: ", json_encode($args), "\n";
    posix_kill(posix_getpid(), SIGUSR2);
});
$sig = Event::signal($base, SIGUSR2, function (...$args) use (&$sig) {
    echo "signal: ", json_encode($args), "\n";
    $sig->del();
}, "sarg");
$timer->add(0);
$noarg->add(0.01);
$sig->add();
$base->loop();
var_dump(SIGUSR2);
?>
--EXPECT--
timer: [{"a":1}]
timer without arg: [null]
signal: [12,"sarg"]
int(12)
