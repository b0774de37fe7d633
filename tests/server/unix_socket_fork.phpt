--TEST--
AsyncStreamServer: a forked child closing an inherited unix-socket server leaves the socket file to the parent that created it
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
$path = sys_get_temp_dir() . "/as-unixfork-" . getmypid() . ".sock";
@unlink($path);
$base = new EventBase();
$conns = [];
$server = new AsyncStreamServer($base, "unix://$path", function (AsyncStream $c) use (&$conns) {
    $conns[] = $c;
    $c->end("parent");
});
$pid = pcntl_fork();
if ($pid === 0) {
    $server->close();
    $server = null;
    exit(file_exists($path) ? 0 : 1);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status), file_exists($path));

// The parent still serves on it.
$client = AsyncStream::connect($base, "unix://$path");
$client->onData(function ($c, $d) { echo "client got $d\n"; });
$client->onEnd(function (AsyncStream $c) use ($server) { $c->close(); $server->close(); });
$base->loop();
var_dump(file_exists($path));
?>
--CLEAN--
<?php @unlink(sys_get_temp_dir() . "/as-unixfork-" . getmypid() . ".sock"); ?>
--EXPECT--
int(0)
bool(true)
client got parent
bool(false)
