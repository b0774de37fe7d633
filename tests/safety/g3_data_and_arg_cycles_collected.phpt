--TEST--
GC: 1000 cycles each through $data, through the callback argument and through a bound method's object are collected
--FILE--
<?php
class Owner {
	public ?Event $ev = null;
	public function onTimer($arg) {}
}
$n = getenv('USE_ZEND_ALLOC') === '0' ? 200 : 1000;
$base = new EventBase();
foreach (['data', 'arg', 'method'] as $via) {
	gc_collect_cycles();
	$weak = [];
	for ($i = 0; $i < $n; $i++) {
		switch ($via) {
			case 'data':
				$ev = Event::timer($base, function () {});
				$ev->data = ['self' => $ev, 'base' => $base];
				break;
			case 'arg':
				$holder = new stdClass();
				$ev = Event::timer($base, function ($h) {}, $holder);
				$holder->ev = $ev;
				unset($holder);
				break;
			case 'method':
				$owner = new Owner();
				$ev = Event::timer($base, [$owner, 'onTimer']);
				$owner->ev = $ev;
				unset($owner);
				break;
		}
		$ev->add(60);
		$weak[] = WeakReference::create($ev);
		unset($ev);
	}
	$before = count(array_filter($weak, fn ($w) => $w->get() !== null));
	$collected = gc_collect_cycles();
	$after = count(array_filter($weak, fn ($w) => $w->get() !== null));
	printf("%s: %s before, %s collected, %d after\n", $via,
		$before === $n ? "all alive" : $before, $collected >= $n ? "enough" : $collected, $after);
}
var_dump($base->loop());
?>
--EXPECT--
data: all alive before, enough collected, 0 after
arg: all alive before, enough collected, 0 after
method: all alive before, enough collected, 0 after
bool(true)
