--TEST--
G11: invalid $what masks, signal numbers, loop/config flags, priorities and descriptors throw ValueError naming the argument
--FILE--
<?php
$base = new EventBase();
$cfg = new EventConfig();
$ev = Event::timer($base, function () {});
$cb = function () {};
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
function t(string $label, callable $fn) {
	try {
		$r = $fn();
		echo "$label: no exception, ", var_export($r, true), "\n";
	} catch (Throwable $e) {
		echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n";
	}
}
echo "-- \$what\n";
t('unknown bit', fn () => new Event($base, $r, Event::READ | 1024, $cb));
t('negative', fn () => new Event($base, $r, -1, $cb));
t('PHP_INT_MAX', fn () => new Event($base, $r, PHP_INT_MAX, $cb));
t('SIGNAL|READ', fn () => new Event($base, SIGUSR1, Event::SIGNAL | Event::READ, $cb));
t('READ without fd', fn () => new Event($base, -1, Event::READ, $cb));
t('WRITE with null fd', fn () => new Event($base, null, Event::WRITE, $cb));
t('ET alone', fn () => new Event($base, $r, Event::ET, $cb));
t('set() unknown bit', fn () => $ev->set($base, $r, 4096));
echo "-- signal numbers\n";
foreach ([0, -1, 65, 1000, PHP_INT_MAX, PHP_INT_MIN] as $sig) {
	t("Event::signal($sig)", fn () => Event::signal($base, $sig, $cb));
	t("new Event($sig, SIGNAL)", fn () => new Event($base, $sig, Event::SIGNAL, $cb));
}
t('SIGNAL with a stream', fn () => new Event($base, $r, Event::SIGNAL, $cb));
echo "-- descriptors\n";
t('fd -2', fn () => new Event($base, -2, Event::READ, $cb));
t('fd PHP_INT_MAX', fn () => new Event($base, PHP_INT_MAX, Event::READ, $cb));
t('fd not open', fn () => new Event($base, 1000000, Event::READ, $cb));
echo "-- flags\n";
t('loop(99)', fn () => $base->loop(99));
t('loop(-2)', fn () => $base->loop(-2));
t('loop(PHP_INT_MIN)', fn () => $base->loop(PHP_INT_MIN));
t('setFlags(1024)', fn () => $cfg->setFlags(1024));
t('setFlags(-1)', fn () => $cfg->setFlags(-1));
t('requireFeatures(16)', fn () => $cfg->requireFeatures(16));
t('requireFeatures(-1)', fn () => $cfg->requireFeatures(-1));
t('setMaxDispatchInterval(1, -1, 0)', fn () => $cfg->setMaxDispatchInterval(1, -1, 0));
t('setMaxDispatchInterval(1, 1, PHP_INT_MAX)', fn () => $cfg->setMaxDispatchInterval(1, 1, PHP_INT_MAX));
t('priorityInit(0)', fn () => $base->priorityInit(0));
t('priorityInit(PHP_INT_MAX)', fn () => $base->priorityInit(PHP_INT_MAX));
t('setPriority(-1)', fn () => $ev->setPriority(-1));
t('setPriority(1) with one priority', fn () => $ev->setPriority(1));
t('pending(-1)', fn () => $ev->pending(-1));
// Nothing above changed the base or the event.
var_dump($ev->add(0), $base->loop(), $ev->pending);
?>
--EXPECT--
-- $what
unknown bit: ValueError: Event::__construct(): Argument #3 ($what) must be a mask of Event::* constants, 1026 given
negative: ValueError: Event::__construct(): Argument #3 ($what) must be a mask of Event::* constants, -1 given
PHP_INT_MAX: ValueError: Event::__construct(): Argument #3 ($what) must be a mask of Event::* constants, 9223372036854775807 given
SIGNAL|READ: ValueError: Event::__construct(): Argument #3 ($what) cannot combine Event::SIGNAL with Event::READ, Event::WRITE or Event::ET
READ without fd: ValueError: Event::__construct(): Argument #2 ($fd) must be a stream, Socket or descriptor when $what has Event::READ or Event::WRITE, -1 given
WRITE with null fd: ValueError: Event::__construct(): Argument #2 ($fd) must be a stream, Socket or descriptor when $what has Event::READ or Event::WRITE, null given
ET alone: ValueError: Event::__construct(): Argument #3 ($what) must contain Event::READ or Event::WRITE when it contains Event::ET
set() unknown bit: ValueError: Event::set(): Argument #3 ($what) must be a mask of Event::* constants, 4096 given
-- signal numbers
Event::signal(0): ValueError: Event::signal(): Argument #2 ($signum) must be a signal number between 1 and 64, 0 given
new Event(0, SIGNAL): ValueError: Event::__construct(): Argument #2 ($fd) must be a signal number between 1 and 64, 0 given
Event::signal(-1): ValueError: Event::signal(): Argument #2 ($signum) must be a signal number between 1 and 64, -1 given
new Event(-1, SIGNAL): ValueError: Event::__construct(): Argument #2 ($fd) must be a signal number between 1 and 64, -1 given
Event::signal(65): ValueError: Event::signal(): Argument #2 ($signum) must be a signal number between 1 and 64, 65 given
new Event(65, SIGNAL): ValueError: Event::__construct(): Argument #2 ($fd) must be a signal number between 1 and 64, 65 given
Event::signal(1000): ValueError: Event::signal(): Argument #2 ($signum) must be a signal number between 1 and 64, 1000 given
new Event(1000, SIGNAL): ValueError: Event::__construct(): Argument #2 ($fd) must be a signal number between 1 and 64, 1000 given
Event::signal(9223372036854775807): ValueError: Event::signal(): Argument #2 ($signum) must be a signal number between 1 and 64, 9223372036854775807 given
new Event(9223372036854775807, SIGNAL): ValueError: Event::__construct(): Argument #2 ($fd) must be a signal number between 1 and 64, 9223372036854775807 given
Event::signal(-9223372036854775808): ValueError: Event::signal(): Argument #2 ($signum) must be a signal number between 1 and 64, -9223372036854775808 given
new Event(-9223372036854775808, SIGNAL): ValueError: Event::__construct(): Argument #2 ($fd) must be a signal number between 1 and 64, -9223372036854775808 given
SIGNAL with a stream: TypeError: Event::__construct(): Argument #2 ($fd) must be a signal number (int) with Event::SIGNAL, resource given
-- descriptors
fd -2: ValueError: Event::__construct(): Argument #2 ($fd) must be a valid file descriptor (0 or more), -2 given
fd PHP_INT_MAX: ValueError: Event::__construct(): Argument #2 ($fd) must be a valid file descriptor (0 or more), 9223372036854775807 given
fd not open: ValueError: Event::__construct(): Argument #2 ($fd) must be an open file descriptor, 1000000 is not open
-- flags
loop(99): ValueError: EventBase::loop(): Argument #1 ($flags) must be -1 or a mask of EventBase::LOOP_* constants, 99 given
loop(-2): ValueError: EventBase::loop(): Argument #1 ($flags) must be -1 or a mask of EventBase::LOOP_* constants, -2 given
loop(PHP_INT_MIN): ValueError: EventBase::loop(): Argument #1 ($flags) must be -1 or a mask of EventBase::LOOP_* constants, -9223372036854775808 given
setFlags(1024): ValueError: EventConfig::setFlags(): Argument #1 ($flags) must be a mask of EventBase flag constants, 1024 given
setFlags(-1): ValueError: EventConfig::setFlags(): Argument #1 ($flags) must be a mask of EventBase flag constants, -1 given
requireFeatures(16): ValueError: EventConfig::requireFeatures(): Argument #1 ($feature) must be a mask of EventConfig::FEATURE_* constants, 16 given
requireFeatures(-1): ValueError: EventConfig::requireFeatures(): Argument #1 ($feature) must be a mask of EventConfig::FEATURE_* constants, -1 given
setMaxDispatchInterval(1, -1, 0): ValueError: EventConfig::setMaxDispatchInterval(): Argument #2 ($max_callbacks) must be between 0 and 2147483647
setMaxDispatchInterval(1, 1, PHP_INT_MAX): ValueError: EventConfig::setMaxDispatchInterval(): Argument #3 ($min_priority) must be between 0 and 2147483647
priorityInit(0): ValueError: EventBase::priorityInit(): Argument #1 ($n_priorities) must be between 1 and 256
priorityInit(PHP_INT_MAX): ValueError: EventBase::priorityInit(): Argument #1 ($n_priorities) must be between 1 and 256
setPriority(-1): ValueError: Event::setPriority(): Argument #1 ($priority) must be between 0 and 0 (the base has 1 priorities; see EventBase::priorityInit())
setPriority(1) with one priority: ValueError: Event::setPriority(): Argument #1 ($priority) must be between 0 and 0 (the base has 1 priorities; see EventBase::priorityInit())
pending(-1): no exception, false
bool(true)
bool(true)
bool(false)
