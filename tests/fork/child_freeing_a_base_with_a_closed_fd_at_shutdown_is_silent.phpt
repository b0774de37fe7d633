--TEST--
G5: a forked child whose inherited base has an event on an fd closed behind it frees that base at shutdown without a warning
--EXTENSIONS--
pcntl
--FILE--
<?php
// Found by scripts/fuzz.php: "Warning: PHP Request Shutdown: asyncstream: could not
// reinitialise the event base after fork(): Bad file descriptor" from every such child.
$spare = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
[$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$base = new EventBase();
$ev = new Event($base, EventUtil::getSocketFd($x), Event::READ | Event::PERSIST, fn() => null);
$ev->add();
fclose($x); // the int fd is not kept alive by the event: closed behind it (a user error)
// Lower free descriptor numbers, so the child's new epoll fd does not reuse $x's number.
fclose($spare[0]);
fclose($spare[1]);
$pid = pcntl_fork();
if ($pid === 0) {
    exit(0); // shutdown frees the inherited base: re-initialised first, quietly
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0);
echo "parent done\n";
?>
--EXPECT--
bool(true)
parent done
