--TEST--
G7: an Event on a regular file is created, but add() returns false with a warning naming the fd and the OS error
--SKIPIF--
<?php if (PHP_OS_FAMILY !== 'Linux') die('skip epoll refuses regular files'); ?>
--FILE--
<?php
$f = fopen(__FILE__, "r");
$fd = EventUtil::getSocketFd($f);
$base = new EventBase();
$ev = new Event($base, $f, Event::READ, function () { echo "never\n"; });
echo "constructed\n";
$r = $ev->add();
var_dump($r, $ev->pending);
// The message names the descriptor.
var_dump(str_contains(error_get_last()["message"], "fd $fd:"));
var_dump($base->loop());
?>
--EXPECTF--
constructed

Warning: Event::add(): cannot add the event for fd %d: Operation not permitted in %s on line %d
bool(false)
bool(false)
bool(true)
bool(true)
