--TEST--
G11: closures, __call/__callStatic trampolines, static method strings, bound methods and internal functions all work as callbacks, repeatedly
--FILE--
<?php
class Handler {
	public int $n = 0;
	public function __call($name, $args) { echo "__call $name(", count($args), " args)\n"; $this->n++; }
	public static function __callStatic($name, $args) { echo "__callStatic $name(", count($args), " args)\n"; }
	public static function onStatic($arg) { echo "static $arg\n"; }
	public function onTimer($arg) { echo "method $arg\n"; }
}
$base = new EventBase();
$h = new Handler();
$callables = [
	'closure' => function ($arg) { echo "closure $arg\n"; },
	'first-class' => $h->onTimer(...),
	'__call' => [$h, 'magic'],
	'__callStatic' => ['Handler', 'magicStatic'],
	'static string' => 'Handler::onStatic',
	'bound method' => [$h, 'onTimer'],
	'internal' => 'printf',
];
foreach ($callables as $name => $callable) {
	$ev = Event::timer($base, $callable, "[$name]\n");
	for ($i = 0; $i < 2; $i++) {
		$ev->add(0);
		$base->loop();
	}
	$ev->free();
}
// An internal function that rejects the arguments it gets: the error comes out of loop().
$ev = new Event($base, -1, Event::TIMEOUT, 'strlen');
$ev->add(0);
try {
	$base->loop();
} catch (ArgumentCountError $e) {
	echo get_class($e), ": ", $e->getMessage(), "\n";
}
var_dump($h->n);
?>
--EXPECT--
closure [closure]

closure [closure]

method [first-class]

method [first-class]

__call magic(1 args)
__call magic(1 args)
__callStatic magicStatic(1 args)
__callStatic magicStatic(1 args)
static [static string]

static [static string]

method [bound method]

method [bound method]

[internal]
[internal]
ArgumentCountError: strlen() expects exactly 1 argument, 3 given
int(2)
