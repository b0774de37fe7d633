--TEST--
G12: the destructor of the $arg that set() replaces may write $data and call set() on the same event (issue 10's use-after-free repro)
--FILE--
<?php
class D { function __destruct() { global $e, $base; echo "D::__destruct\n"; $e->data = new stdClass;
          var_dump($e->set($base, -1, Event::TIMEOUT, fn($fd, $what, $arg) => print("callback got $arg\n"), "x")); } }
$base = new EventBase();
$e = new Event($base, -1, Event::TIMEOUT, fn() => null, new D);
var_dump($e->set($base, -1, Event::TIMEOUT, fn() => null, "new arg"));
var_dump($e->data);
$e->add(0);
$base->loop();
echo "done\n";
?>
--EXPECT--
D::__destruct
bool(true)
bool(true)
string(1) "x"
callback got x
done
