--TEST--
G11: a wrong type for any parameter of EventConfig, EventBase, Event and EventUtil throws TypeError naming the argument
--FILE--
<?php
$base = new EventBase();
$cfg = new EventConfig();
$ev = Event::timer($base, function () {});
$cb = function () {};
$bad = [1, 2]; // no parameter accepts an array
$obj = new stdClass();
function t(string $label, callable $fn) {
	try {
		$fn();
		echo "$label: no exception\n";
	} catch (Throwable $e) {
		echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n";
	}
}
t('EventConfig::avoidMethod', fn () => $cfg->avoidMethod($bad));
t('EventConfig::requireFeatures', fn () => $cfg->requireFeatures($bad));
t('EventConfig::setMaxDispatchInterval #1', fn () => $cfg->setMaxDispatchInterval($bad, 1, 1));
t('EventConfig::setMaxDispatchInterval #2', fn () => $cfg->setMaxDispatchInterval(1, $bad, 1));
t('EventConfig::setMaxDispatchInterval #3', fn () => $cfg->setMaxDispatchInterval(1, 1, $bad));
t('EventConfig::setFlags', fn () => $cfg->setFlags($bad));
t('new EventBase', fn () => new EventBase($obj));
t('EventBase::priorityInit', fn () => $base->priorityInit($bad));
t('EventBase::loop', fn () => $base->loop($bad));
t('EventBase::exit', fn () => $base->exit($bad));
t('EventBase::set', fn () => $base->set($obj));
t('new Event #1', fn () => new Event($obj, -1, 0, $cb));
t('new Event #2 array', fn () => new Event($base, $bad, Event::READ, $cb));
t('new Event #2 object', fn () => new Event($base, $obj, Event::READ, $cb));
t('new Event #2 float', fn () => new Event($base, 1.5, Event::READ, $cb));
t('new Event #2 string', fn () => new Event($base, "0", Event::READ, $cb));
t('new Event #2 closed', function () use ($base, $cb) {
	$f = fopen('php://memory', 'r');
	fclose($f);
	new Event($base, $f, Event::READ, $cb);
});
t('new Event #2 not a stream', fn () => new Event($base, stream_context_create(), Event::READ, $cb));
t('new Event #3', fn () => new Event($base, -1, $bad, $cb));
t('new Event #4', fn () => new Event($base, -1, 0, 'no_such_function'));
t('new Event #4 array', fn () => new Event($base, -1, 0, $bad));
t('Event::set #1', fn () => $ev->set($obj, -1));
t('Event::set #2', fn () => $ev->set($base, $bad));
t('Event::set #3', fn () => $ev->set($base, -1, $bad));
t('Event::set #4', fn () => $ev->set($base, -1, 0, 'no_such_function'));
t('Event::setTimer #1', fn () => $ev->setTimer($obj, $cb));
t('Event::setTimer #2', fn () => $ev->setTimer($base, [$obj, 'nope']));
t('Event::add', fn () => $ev->add($bad));
t('Event::add string', fn () => $ev->add("soon"));
t('Event::addTimer', fn () => $ev->addTimer($bad));
t('Event::setPriority', fn () => $ev->setPriority($bad));
t('Event::pending', fn () => $ev->pending($bad));
t('Event::timer #1', fn () => Event::timer($obj, $cb));
t('Event::timer #2', fn () => Event::timer($base, 'no_such_function'));
t('Event::signal #1', fn () => Event::signal($obj, SIGUSR1, $cb));
t('Event::signal #2', fn () => Event::signal($base, $bad, $cb));
t('Event::signal #3', fn () => Event::signal($base, SIGUSR1, 42));
t('EventUtil::getSocketFd', fn () => EventUtil::getSocketFd($bad));
t('EventUtil::getSocketName', fn () => EventUtil::getSocketName($obj, $addr));
t('EventUtil::setSocketOption #1', fn () => EventUtil::setSocketOption($bad, 1, 1, 1));
t('EventUtil::setSocketOption #2', fn () => EventUtil::setSocketOption(STDIN, $bad, 1, 1));
t('EventUtil::setSocketOption #3', fn () => EventUtil::setSocketOption(STDIN, 1, $bad, 1));
t('EventUtil::getLastSocketErrno', fn () => EventUtil::getLastSocketErrno($obj));
t('EventUtil::getLastSocketError', fn () => EventUtil::getLastSocketError($bad));
// the event is untouched by all of this
var_dump($ev->add(0), $base->loop());
?>
--EXPECT--
EventConfig::avoidMethod: TypeError: EventConfig::avoidMethod(): Argument #1 ($method) must be of type string, array given
EventConfig::requireFeatures: TypeError: EventConfig::requireFeatures(): Argument #1 ($feature) must be of type int, array given
EventConfig::setMaxDispatchInterval #1: TypeError: EventConfig::setMaxDispatchInterval(): Argument #1 ($max_interval) must be of type int, array given
EventConfig::setMaxDispatchInterval #2: TypeError: EventConfig::setMaxDispatchInterval(): Argument #2 ($max_callbacks) must be of type int, array given
EventConfig::setMaxDispatchInterval #3: TypeError: EventConfig::setMaxDispatchInterval(): Argument #3 ($min_priority) must be of type int, array given
EventConfig::setFlags: TypeError: EventConfig::setFlags(): Argument #1 ($flags) must be of type int, array given
new EventBase: TypeError: EventBase::__construct(): Argument #1 ($cfg) must be of type ?EventConfig, stdClass given
EventBase::priorityInit: TypeError: EventBase::priorityInit(): Argument #1 ($n_priorities) must be of type int, array given
EventBase::loop: TypeError: EventBase::loop(): Argument #1 ($flags) must be of type int, array given
EventBase::exit: TypeError: EventBase::exit(): Argument #1 ($timeout) must be of type float, array given
EventBase::set: TypeError: EventBase::set(): Argument #1 ($event) must be of type Event, stdClass given
new Event #1: TypeError: Event::__construct(): Argument #1 ($base) must be of type EventBase, stdClass given
new Event #2 array: TypeError: Event::__construct(): Argument #2 ($fd) must be of type resource|Socket|int, array given
new Event #2 object: TypeError: Event::__construct(): Argument #2 ($fd) must be of type resource|Socket|int, stdClass given
new Event #2 float: TypeError: Event::__construct(): Argument #2 ($fd) must be of type resource|Socket|int, float given
new Event #2 string: TypeError: Event::__construct(): Argument #2 ($fd) must be of type resource|Socket|int, string given
new Event #2 closed: TypeError: Event::__construct(): Argument #2 ($fd) must be an open stream resource, closed resource given
new Event #2 not a stream: TypeError: Event::__construct(): Argument #2 ($fd) must be a stream resource, resource of type stream-context given
new Event #3: TypeError: Event::__construct(): Argument #3 ($what) must be of type int, array given
new Event #4: TypeError: Event::__construct(): Argument #4 ($cb) must be a valid callback, function "no_such_function" not found or invalid function name
new Event #4 array: TypeError: Event::__construct(): Argument #4 ($cb) must be a valid callback, first array member is not a valid class name or object
Event::set #1: TypeError: Event::set(): Argument #1 ($base) must be of type EventBase, stdClass given
Event::set #2: TypeError: Event::set(): Argument #2 ($fd) must be of type resource|Socket|int, array given
Event::set #3: TypeError: Event::set(): Argument #3 ($what) must be of type ?int, array given
Event::set #4: TypeError: Event::set(): Argument #4 ($cb) must be a valid callback or null, function "no_such_function" not found or invalid function name
Event::setTimer #1: TypeError: Event::setTimer(): Argument #1 ($base) must be of type EventBase, stdClass given
Event::setTimer #2: TypeError: Event::setTimer(): Argument #2 ($cb) must be a valid callback, class stdClass does not have a method "nope"
Event::add: TypeError: Event::add(): Argument #1 ($timeout) must be of type float, array given
Event::add string: TypeError: Event::add(): Argument #1 ($timeout) must be of type float, string given
Event::addTimer: TypeError: Event::addTimer(): Argument #1 ($timeout) must be of type float, array given
Event::setPriority: TypeError: Event::setPriority(): Argument #1 ($priority) must be of type int, array given
Event::pending: TypeError: Event::pending(): Argument #1 ($flags) must be of type int, array given
Event::timer #1: TypeError: Event::timer(): Argument #1 ($base) must be of type EventBase, stdClass given
Event::timer #2: TypeError: Event::timer(): Argument #2 ($cb) must be a valid callback, function "no_such_function" not found or invalid function name
Event::signal #1: TypeError: Event::signal(): Argument #1 ($base) must be of type EventBase, stdClass given
Event::signal #2: TypeError: Event::signal(): Argument #2 ($signum) must be of type int, array given
Event::signal #3: TypeError: Event::signal(): Argument #3 ($cb) must be a valid callback, no array or string given
EventUtil::getSocketFd: TypeError: EventUtil::getSocketFd(): Argument #1 ($socket) must be of type resource|Socket|int, array given
EventUtil::getSocketName: TypeError: EventUtil::getSocketName(): Argument #1 ($socket) must be of type resource|Socket|int, stdClass given
EventUtil::setSocketOption #1: TypeError: EventUtil::setSocketOption(): Argument #1 ($socket) must be of type resource|Socket|int, array given
EventUtil::setSocketOption #2: TypeError: EventUtil::setSocketOption(): Argument #2 ($level) must be of type int, array given
EventUtil::setSocketOption #3: TypeError: EventUtil::setSocketOption(): Argument #3 ($optname) must be of type int, array given
EventUtil::getLastSocketErrno: TypeError: EventUtil::getLastSocketErrno(): Argument #1 ($socket) must be of type resource|Socket|int, stdClass given
EventUtil::getLastSocketError: TypeError: EventUtil::getLastSocketError(): Argument #1 ($socket) must be of type resource|Socket|int, array given
bool(true)
bool(true)
