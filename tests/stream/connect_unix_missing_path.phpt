--TEST--
AsyncStream: connecting to a unix socket path that does not exist reports ENOENT through onClose
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
$path = sys_get_temp_dir() . "/asyncstream-missing-" . getmypid() . ".sock";
$s = AsyncStream::connect($base, "unix://$path")
    ->onConnect(fn() => print("onConnect must not fire\n"))
    ->onClose(function ($s, $e) use ($path) {
        echo get_class($e), " ", $e->getCode() === 2 ? "ENOENT" : $e->getCode(), "\n";
        echo str_replace($path, "PATH", $e->getMessage()), "\n";
    });
$base->loop();
?>
--EXPECT--
AsyncStreamException ENOENT
connect to unix://PATH failed: No such file or directory
