--TEST--
EventUtil: getSocketFd() returns the descriptor of streams, Socket objects, ints and the standard streams
--EXTENSIONS--
sockets
--SKIPIF--
<?php if (!is_dir('/proc/self/fd')) die('skip needs /proc/self/fd'); ?>
--FILE--
<?php
function kind(int $fd): string {
    $l = @readlink("/proc/self/fd/$fd");
    return $l === false ? "closed" : preg_replace('/[:\[].*$/', '', $l);
}
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$srv = stream_socket_server("tcp://127.0.0.1:0");
$sock = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
$p = proc_open([PHP_BINARY, '-n', '-r', 'fread(STDIN, 1);'], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);

$fa = EventUtil::getSocketFd($a);
var_dump(kind($fa), $fa !== EventUtil::getSocketFd($b));
var_dump(kind(EventUtil::getSocketFd($srv)));
// socket_import_stream() shares the descriptor, so both views agree.
var_dump(EventUtil::getSocketFd(socket_import_stream($a)) === $fa);
var_dump(kind(EventUtil::getSocketFd($sock)));
var_dump(kind(EventUtil::getSocketFd($pipes[0])), kind(EventUtil::getSocketFd($pipes[1])));
var_dump(EventUtil::getSocketFd(STDIN), EventUtil::getSocketFd(STDOUT), EventUtil::getSocketFd(STDERR));
var_dump(EventUtil::getSocketFd($fa) === $fa);

fclose($pipes[0]);
fclose($pipes[1]);
proc_close($p);
?>
--EXPECT--
string(6) "socket"
bool(true)
string(6) "socket"
bool(true)
string(6) "socket"
string(4) "pipe"
string(4) "pipe"
int(0)
int(1)
int(2)
bool(true)
