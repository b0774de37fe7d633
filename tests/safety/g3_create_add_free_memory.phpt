--TEST--
GC: 2000 rounds of creating, adding, firing and freeing timer, I/O and signal events grow memory by less than 4 bytes per round
--FILE--
<?php
$valgrind = getenv('USE_ZEND_ALLOC') === '0';
$rounds = $valgrind ? 300 : 2000;
$base = new EventBase();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$fired = 0;
$round = function (?array &$track = null) use ($base, $r, &$fired) {
	$cb = function ($arg) use (&$fired) { $fired++; };
	$t = Event::timer($base, $cb, [1, 2, 3]);
	$t->add(0);
	$io = new Event($base, $r, Event::READ | Event::PERSIST, function () {}, "arg");
	$io->add(30);
	$io->data = str_repeat("d", 10);
	$s = Event::signal($base, SIGUSR1, function () {});
	$s->add();
	$c = new Event($base, -1, Event::TIMEOUT, function () use (&$c) {}); // a cycle, left to the GC
	$c->add(60);
	$base->loop(EventBase::LOOP_ONCE); // the timer fires
	$t->free();
	$io->free();
	$s->free();
	if ($track !== null) {
		foreach ([$t, $io, $s, $c, $cb] as $obj) {
			$track[] = WeakReference::create($obj);
		}
	}
};
// Warm-up with as many rounds: caches, the object store, the GC buffer and libevent's
// arrays reach their high-water mark, so what remains is growth per round.
for ($i = 0; $i < $rounds; $i++) {
	$round();
}
gc_collect_cycles();
$mem = memory_get_usage();
for ($i = 0; $i < $rounds; $i++) {
	$round();
}
gc_collect_cycles();
$growth = memory_get_usage() - $mem;
// memory_get_usage() means nothing without Zend MM (valgrind): the checks below still hold there.
var_dump($valgrind || $growth < 4 * $rounds ? true : $growth);

// Every object of a round is released (no reference leaked by the trampoline or teardown).
$track = [];
for ($i = 0; $i < 100; $i++) {
	$round($track);
}
gc_collect_cycles();
var_dump(count(array_filter($track, fn ($w) => $w->get() !== null)));
var_dump($fired === 2 * $rounds + 100);
?>
--EXPECT--
bool(true)
int(0)
bool(true)
