--TEST--
Event, EventBase, EventConfig: constants have ext-event's values
--FILE--
<?php
var_dump([Event::TIMEOUT, Event::READ, Event::WRITE, Event::SIGNAL, Event::PERSIST, Event::ET]);
var_dump([EventBase::LOOP_ONCE, EventBase::LOOP_NONBLOCK, EventBase::NOLOCK, EventBase::IGNORE_ENV,
    EventBase::STARTUP_IOCP, EventBase::NO_CACHE_TIME, EventBase::EPOLL_USE_CHANGELIST, EventBase::PRECISE_TIMER]);
var_dump([EventConfig::FEATURE_ET, EventConfig::FEATURE_O1, EventConfig::FEATURE_FDS]);
var_dump(EventUtil::LIBEVENT_VERSION_NUMBER >= 0x02010000);
?>
--EXPECT--
array(6) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(4)
  [3]=>
  int(8)
  [4]=>
  int(16)
  [5]=>
  int(32)
}
array(8) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(1)
  [3]=>
  int(2)
  [4]=>
  int(4)
  [5]=>
  int(8)
  [6]=>
  int(16)
  [7]=>
  int(32)
}
array(3) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(4)
}
bool(true)
