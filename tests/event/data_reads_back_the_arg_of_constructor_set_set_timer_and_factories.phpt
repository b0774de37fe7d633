--TEST--
Event: $data reads back the $arg given to the constructor, set(), setTimer(), timer() and signal(); set() without $arg keeps it; writing $data changes what the callback gets
--FILE--
<?php
$base = new EventBase();
$e = new Event($base, -1, Event::TIMEOUT, function ($fd, $what, $arg) { echo "generic got ", json_encode($arg), "\n"; }, 'ctor');
var_dump($e->data);
$e->add(0);
$base->loop();
$e->data = ['written'];
$e->add(0);
$base->loop();
$e->set($base, -1, Event::TIMEOUT);
var_dump($e->data);
$e->set($base, -1, Event::TIMEOUT, null, 'set');
var_dump($e->data);
$e->add(0);
$base->loop();
$e->setTimer($base, function ($arg) { echo "timer got ", json_encode($arg), "\n"; }, 'setTimer');
var_dump($e->data);
$e->add(0);
$base->loop();
$e->setTimer($base, function ($arg) { echo "timer got ", json_encode($arg), "\n"; });
var_dump($e->data);
unset($e->data);
$e->add(0);
$base->loop();
var_dump(isset($e->data));
$t = Event::timer($base, fn($arg) => null, 'timer()');
var_dump($t->data);
$s = Event::signal($base, SIGUSR1, fn($sig, $arg) => null, 'signal()');
var_dump($s->data);
$n = new Event($base, -1, Event::TIMEOUT, fn() => null);
var_dump($n->data);
// $data survives free(), as in ext-event
$t->free();
var_dump($t->data);
?>
--EXPECT--
string(4) "ctor"
generic got "ctor"
generic got ["written"]
array(1) {
  [0]=>
  string(7) "written"
}
string(3) "set"
generic got "set"
string(8) "setTimer"
timer got "setTimer"
NULL
timer got null
bool(false)
string(7) "timer()"
string(8) "signal()"
NULL
string(7) "timer()"
