--TEST--
Event: every kind of callable (G11) is resolved in the scope that registers it and called from the loop, repeatedly
--FILE--
<?php
error_reporting(E_ALL & ~E_DEPRECATED); // "parent::m" callables are deprecated from PHP 8.2
function plain($arg) { echo "function $arg\n"; }
class Base0 {
	public function m($arg) { echo "Base0::m $arg\n"; }
	public static function sm($arg) { echo "Base0::sm $arg\n"; }
}
class K extends Base0 {
	public function m($arg) { echo "K::m $arg\n"; }
	public static function sm($arg) { echo "K::sm $arg\n"; }
	public function __call($n, $a) { echo "__call $n $a[0]\n"; }
	public static function __callStatic($n, $a) { echo "__callStatic $n $a[0]\n"; }
	public function __invoke($arg) { echo "__invoke $arg\n"; }
	private function priv($arg) { echo "private $arg\n"; }
	private static function spriv($arg) { echo "static private $arg\n"; }
	/* Registered from inside the class: these resolve against K's scope. */
	public function inner(EventBase $base): array {
		return [
			'private method' => Event::timer($base, [$this, 'priv'], 'p'),
			'self::private static' => Event::timer($base, 'self::spriv', 'sp'),
			'self::__callStatic' => Event::timer($base, 'self::nothing', 'sn'),
			'static::m from an instance method: __call' => Event::timer($base, [static::class, 'nothing2'], 'sn2'),
			'$this __call' => Event::timer($base, [$this, 'nothing3'], 'c'),
			'parent::m' => Event::timer($base, [$this, 'parent::m'], 'pm'),
			'private first-class' => Event::timer($base, $this->priv(...), 'pfc'),
		];
	}
}
class Child extends K {}

$base = new EventBase();
$k = new K();
$bound = Closure::bind(function ($arg) { echo "bound closure ", get_class($this), " $arg\n"; }, $k, K::class);
$events = [
	'closure' => Event::timer($base, function ($arg) { echo "closure $arg\n"; }, 1),
	'static closure' => Event::timer($base, static function ($arg) { echo "static closure $arg\n"; }, 2),
	'bound closure' => Event::timer($base, $bound, 3),
	'arrow fn' => Event::timer($base, fn($arg) => print("arrow $arg\n"), 4),
	'first-class function' => Event::timer($base, plain(...), 5),
	'first-class internal' => Event::timer($base, printf(...), "6\n"),
	'first-class method' => Event::timer($base, $k->m(...), 7),
	'first-class __call' => Event::timer($base, $k->undefined(...), 8),
	'first-class __callStatic' => Event::timer($base, K::undefinedStatic(...), 9),
	'"func"' => Event::timer($base, 'plain', 10),
	'"Class::method"' => Event::timer($base, 'K::sm', 11),
	'"Class::__callStatic"' => Event::timer($base, 'K::missing', 12),
	'[$obj, "m"]' => Event::timer($base, [$k, 'm'], 13),
	'[$obj, "__call"]' => Event::timer($base, [$k, 'missing'], 14),
	'[Class, "sm"]' => Event::timer($base, [K::class, 'sm'], 15),
	'[Class, "__callStatic"]' => Event::timer($base, [K::class, 'missing'], 16),
	'[Class, "parent::m"]' => Event::timer($base, [Child::class, 'parent::sm'], 17),
	'[$obj, "parent::m"]' => Event::timer($base, [$k, 'parent::m'], 18),
	'invokable object' => Event::timer($base, $k, 19),
	'[$closure, "__invoke"]' => Event::timer($base, [$bound, '__invoke'], 20),
	'"Closure::fromCallable"' => Event::timer($base, Closure::fromCallable([$k, 'missing2']), 21),
] + $k->inner($base);
foreach ($events as $name => $ev) {
	echo "-- $name\n";
	for ($i = 0; $i < 2; $i++) {
		$ev->add(0);
		$base->loop();
	}
	$ev->free();
}
?>
--EXPECT--
-- closure
closure 1
closure 1
-- static closure
static closure 2
static closure 2
-- bound closure
bound closure K 3
bound closure K 3
-- arrow fn
arrow 4
arrow 4
-- first-class function
function 5
function 5
-- first-class internal
6
6
-- first-class method
K::m 7
K::m 7
-- first-class __call
__call undefined 8
__call undefined 8
-- first-class __callStatic
__callStatic undefinedStatic 9
__callStatic undefinedStatic 9
-- "func"
function 10
function 10
-- "Class::method"
K::sm 11
K::sm 11
-- "Class::__callStatic"
__callStatic missing 12
__callStatic missing 12
-- [$obj, "m"]
K::m 13
K::m 13
-- [$obj, "__call"]
__call missing 14
__call missing 14
-- [Class, "sm"]
K::sm 15
K::sm 15
-- [Class, "__callStatic"]
__callStatic missing 16
__callStatic missing 16
-- [Class, "parent::m"]
K::sm 17
K::sm 17
-- [$obj, "parent::m"]
Base0::m 18
Base0::m 18
-- invokable object
__invoke 19
__invoke 19
-- [$closure, "__invoke"]
bound closure K 20
bound closure K 20
-- "Closure::fromCallable"
__call missing2 21
__call missing2 21
-- private method
private p
private p
-- self::private static
static private sp
static private sp
-- self::__callStatic
__callStatic nothing sn
__callStatic nothing sn
-- static::m from an instance method: __call
__call nothing2 sn2
__call nothing2 sn2
-- $this __call
__call nothing3 c
__call nothing3 c
-- parent::m
Base0::m pm
Base0::m pm
-- private first-class
private pfc
private pfc
