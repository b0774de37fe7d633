--TEST--
php --ri asyncstream says whether io_uring is available here, and why not when it is not
--INI--
asyncstream.io_uring="off"
--FILE--
<?php
ob_start();
(new ReflectionExtension('asyncstream'))->info();
$info = ob_get_clean();
var_dump((bool)preg_match('/^io_uring[^=]*=> (available|.+)$/m', $info, $m));
var_dump(strlen($m[1]) > 0);
var_dump(str_contains($info, 'asyncstream.io_uring => off'));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
