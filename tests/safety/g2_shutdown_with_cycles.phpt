--TEST--
Shutdown: cycles through closures, $data and $arg, events moved to a newer base and freed objects are destroyed in any order without a word
--FILE--
<?php
$old = new EventBase();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);

// Event -> closure -> Event, pending
$c = new Event($old, $r, Event::READ | Event::PERSIST, function () use (&$c) { echo "never\n"; });
$c->add();
// Event -> $data -> Event and base
$d = Event::timer($old, function () {});
$d->data = [$d, $old, $r];
$d->add(60);
// Event -> $arg -> Event
$holder = new stdClass();
$a = Event::timer($old, function ($h) {}, $holder);
$holder->ev = $a;
$holder->base = $old;
$a->add(60);

// An event moved to a base created after it: that base is destroyed first at shutdown.
$newer = new EventBase();
$m = new Event($old, -1, Event::TIMEOUT, function () use (&$m, $newer) {});
$newer->set($m);
$m->add(60);
$m->data = $m;

// Freed and detached objects left lying around.
$freed = Event::timer($old, function () {});
$freed->free();
$third = new EventBase();
$detached = new Event($third, $w, Event::WRITE, function () use (&$detached) {});
$detached->add();
$third->free();

// Drop every direct variable: only the cycles keep things alive now.
unset($c, $d, $a, $holder, $m, $old, $newer, $r, $w);
echo "done\n";
?>
--EXPECT--
done
