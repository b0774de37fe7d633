--TEST--
EventBase: the default backend on Linux is epoll, with edge triggering and O(1) but not arbitrary fds
--SKIPIF--
<?php if (PHP_OS_FAMILY !== 'Linux') die('skip Linux only'); ?>
--FILE--
<?php
$base = new EventBase();
var_dump($base->getMethod());
$f = $base->getFeatures();
var_dump(($f & EventConfig::FEATURE_ET) !== 0, ($f & EventConfig::FEATURE_O1) !== 0, ($f & EventConfig::FEATURE_FDS) !== 0);
$methods = Event::getSupportedMethods();
var_dump(array_is_list($methods), in_array("epoll", $methods, true), in_array("poll", $methods, true), in_array("select", $methods, true));
?>
--EXPECT--
string(5) "epoll"
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
