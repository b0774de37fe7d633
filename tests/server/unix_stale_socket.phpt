--TEST--
AsyncStreamServer: a unix socket file left by a dead process is replaced; one a live server owns, or a file that is not a socket, is refused with a clear error
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';
$dir = sys_get_temp_dir() . "/as-stale-" . getmypid();
@mkdir($dir);
$path = "$dir/s.sock";

// A process listens on $path and dies without cleaning up (SIGKILL).
$code = '$b = new EventBase(); $s = new AsyncStreamServer($b, "unix://' . $path . '", fn() => null); echo "up\n"; posix_kill(getmypid(), 9);';
$p = proc_open(array_merge(as_php_cmd(), ['-r', $code]), [1 => ['pipe', 'w']], $pipes);
echo as_read_line($pipes[1]), "\n";
proc_close($p);
var_dump(filetype($path)); // the stale file is still there

$base = new EventBase();
$conns = [];
$server = new AsyncStreamServer($base, "unix://$path", function (AsyncStream $c) use (&$conns) {
    $conns[] = $c;
    $c->end("alive");
});
echo "took over the stale socket\n";
$client = AsyncStream::connect($base, "unix://$path");
$client->onData(function ($c, $d) { echo "client got $d\n"; });
$client->onEnd(function (AsyncStream $c) use ($base) { $c->close(); $base->stop(); });
$base->loop();

// A live server owns it: refused, and its file is left alone.
try {
    new AsyncStreamServer($base, "unix://$path", fn() => null);
} catch (AsyncStreamException $e) {
    echo str_replace($path, 'PATH', $e->getMessage()), " [", $e->getCode() === 98 ? "EADDRINUSE" : $e->getCode(), "]\n";
}
var_dump($server->isListening(), filetype($path));

// Not a socket: refused, untouched.
file_put_contents("$dir/file", "data");
try {
    new AsyncStreamServer($base, "unix://$dir/file", fn() => null);
} catch (AsyncStreamException $e) {
    echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
var_dump(file_get_contents("$dir/file"));

$server->close();
var_dump(file_exists($path));
?>
--CLEAN--
<?php
$dir = sys_get_temp_dir() . "/as-stale-" . getmypid();
@unlink("$dir/s.sock"); @unlink("$dir/file"); @rmdir($dir);
?>
--EXPECT--
up
string(6) "socket"
took over the stale socket
client got alive
cannot listen on unix://PATH: Address already in use (another server is accepting connections on it) [EADDRINUSE]
bool(true)
string(6) "socket"
cannot listen on unix://DIR/file: Address already in use (the path exists and is not a socket; it was left alone)
string(4) "data"
bool(false)
