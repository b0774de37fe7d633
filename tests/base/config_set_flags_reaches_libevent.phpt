--TEST--
EventConfig: setFlags() flags reach libevent (EPOLL_USE_CHANGELIST changes the backend, IGNORE_ENV ignores EVENT_NOEPOLL)
--SKIPIF--
<?php if (PHP_OS_FAMILY !== 'Linux') die('skip Linux only'); ?>
--ENV--
EVENT_NOEPOLL=1
--FILE--
<?php
// The environment asks libevent not to use epoll...
var_dump((new EventBase())->getMethod());

// ... which IGNORE_ENV overrides.
$cfg = new EventConfig();
var_dump($cfg->setFlags(EventBase::IGNORE_ENV));
var_dump((new EventBase($cfg))->getMethod());

$cfg = new EventConfig();
var_dump($cfg->setFlags(EventBase::IGNORE_ENV | EventBase::EPOLL_USE_CHANGELIST | EventBase::PRECISE_TIMER));
var_dump((new EventBase($cfg))->getMethod());

try {
    $cfg->setFlags(1 << 12);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
string(4) "poll"
bool(true)
string(5) "epoll"
bool(true)
string(23) "epoll (with changelist)"
EventConfig::setFlags(): Argument #1 ($flags) must be a mask of EventBase flag constants, 4096 given
