--TEST--
G12: destructors of a replaced $arg, $data or callback run once the event is complete and may free, set, add, del, loop or free the base
--FILE--
<?php
class Act {
	static array $log = [];
	function __construct(public string $what, public ?Closure $do = null) {}
	function __invoke(...$args) { Act::$log[] = "called {$this->what}"; }
	function __destruct() { if ($this->do) { ($this->do)(); } }
}
function show(Event $e): string {
	try {
		return ($e->pending ? 'pending' : 'idle') . ' data=' . json_encode($e->data);
	} catch (Throwable $t) {
		return get_class($t);
	}
}
$actions = [
	'free' => fn(Event $e, EventBase $b) => $e->free(),
	'set' => fn(Event $e, EventBase $b) => $e->set($b, -1, Event::TIMEOUT, new Act('set-cb'), 'from-dtor') && $e->add(0),
	'setTimer' => fn(Event $e, EventBase $b) => $e->setTimer($b, new Act('timer-cb'), 'from-dtor') && $e->add(0),
	'add' => fn(Event $e, EventBase $b) => $e->add(0),
	'del' => fn(Event $e, EventBase $b) => $e->del(),
	'loop' => fn(Event $e, EventBase $b) => $b->loop(EventBase::LOOP_NONBLOCK),
	'base free' => fn(Event $e, EventBase $b) => $b->free(),
	'data' => fn(Event $e, EventBase $b) => $e->data = 'from-dtor',
];
$replacers = [
	'set() $arg' => fn(Event $e, EventBase $b) => $e->set($b, -1, Event::TIMEOUT, null, 'new'),
	'set() callback' => fn(Event $e, EventBase $b) => $e->set($b, -1, Event::TIMEOUT, new Act('new-cb')),
	'set() both' => fn(Event $e, EventBase $b) => $e->set($b, -1, Event::TIMEOUT, new Act('new-cb'), 'new'),
	'setTimer()' => fn(Event $e, EventBase $b) => $e->setTimer($b, new Act('new-cb'), 'new'),
	'$data =' => fn(Event $e, EventBase $b) => $e->data = 'new',
	'free()' => fn(Event $e, EventBase $b) => $e->free(),
];
foreach ($replacers as $rname => $replace) {
	foreach ($actions as $aname => $action) {
		$base = new EventBase();
		$e = null;
		$victim = new Act('old', function () use (&$e, &$base, $action) {
			if ($e && $base) {
				try {
					$action($e, $base);
				} catch (Throwable $t) {
					Act::$log[] = get_class($t) . ': ' . $t->getMessage();
				}
			}
		});
		$usesCallback = $rname === 'set() callback' || $rname === 'setTimer()' || $rname === 'free()';
		$e = $usesCallback
			? new Event($base, -1, Event::TIMEOUT, $victim, 'old-data')
			: new Event($base, -1, Event::TIMEOUT, new Act('cb'), $victim);
		unset($victim); // the event holds the only reference: replacing it runs the destructor
		Act::$log = [];
		$replace($e, $base);
		try {
			$base->loop(EventBase::LOOP_NONBLOCK);
		} catch (Throwable $t) {
			Act::$log[] = get_class($t);
		}
		printf("%-16s %-10s %s%s\n", $rname, $aname, show($e), Act::$log ? ' [' . implode('; ', Act::$log) . ']' : '');
		unset($e, $base);
	}
}
echo "done\n";
?>
--EXPECT--
set() $arg       free       idle data="new"
set() $arg       set        idle data="from-dtor" [called set-cb]
set() $arg       setTimer   idle data="from-dtor" [called timer-cb]
set() $arg       add        idle data="new" [called cb]
set() $arg       del        idle data="new"
set() $arg       loop       idle data="new"
set() $arg       base free  idle data="new" [Error]
set() $arg       data       idle data="from-dtor"
set() callback   free       idle data="old-data"
set() callback   set        idle data="from-dtor" [called set-cb]
set() callback   setTimer   idle data="from-dtor" [called timer-cb]
set() callback   add        idle data="old-data" [called new-cb]
set() callback   del        idle data="old-data"
set() callback   loop       idle data="old-data"
set() callback   base free  idle data="old-data" [Error]
set() callback   data       idle data="from-dtor"
set() both       free       idle data="new"
set() both       set        idle data="from-dtor" [called set-cb]
set() both       setTimer   idle data="from-dtor" [called timer-cb]
set() both       add        idle data="new" [called new-cb]
set() both       del        idle data="new"
set() both       loop       idle data="new"
set() both       base free  idle data="new" [Error]
set() both       data       idle data="from-dtor"
setTimer()       free       idle data="new"
setTimer()       set        idle data="from-dtor" [called set-cb]
setTimer()       setTimer   idle data="from-dtor" [called timer-cb]
setTimer()       add        idle data="new" [called new-cb]
setTimer()       del        idle data="new"
setTimer()       loop       idle data="new"
setTimer()       base free  idle data="new" [Error]
setTimer()       data       idle data="from-dtor"
$data =          free       idle data="new"
$data =          set        idle data="from-dtor" [called set-cb]
$data =          setTimer   idle data="from-dtor" [called timer-cb]
$data =          add        idle data="new" [called cb]
$data =          del        idle data="new"
$data =          loop       idle data="new"
$data =          base free  idle data="new" [Error]
$data =          data       idle data="from-dtor"
free()           free       idle data="old-data"
free()           set        idle data="old-data" [Error: Event::set(): the event has been freed]
free()           setTimer   idle data="old-data" [Error: Event::setTimer(): the event has been freed]
free()           add        idle data="old-data" [Error: Event::add(): the event has been freed]
free()           del        idle data="old-data" [Error: Event::del(): the event has been freed]
free()           loop       idle data="old-data"
free()           base free  idle data="old-data" [Error]
free()           data       idle data="from-dtor"
done
