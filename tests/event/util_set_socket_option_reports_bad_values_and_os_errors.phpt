--TEST--
EventUtil: setSocketOption() throws on malformed values and warns with the OS error when the kernel refuses
--FILE--
<?php
$c = stream_socket_server("tcp://127.0.0.1:0");
foreach ([
    [EventUtil::SOL_SOCKET, EventUtil::SO_LINGER, 5],
    [EventUtil::SOL_SOCKET, EventUtil::SO_LINGER, ["l_onoff" => 1]],
    [EventUtil::SOL_SOCKET, EventUtil::SO_RCVTIMEO, 1.5],
    [EventUtil::SOL_SOCKET, EventUtil::SO_SNDTIMEO, ["usec" => 1]],
    [EventUtil::SOL_SOCKET, EventUtil::SO_KEEPALIVE, [1]],
] as [$level, $opt, $value]) {
    try {
        EventUtil::setSocketOption($c, $level, $opt, $value);
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
// The kernel does not know this option.
var_dump(EventUtil::setSocketOption($c, EventUtil::SOL_SOCKET, 12345, 1));
// Not a socket at all.
$p = popen("true", "r");
var_dump(EventUtil::setSocketOption($p, EventUtil::SOL_SOCKET, EventUtil::SO_KEEPALIVE, 1));
pclose($p);
?>
--EXPECTF--
TypeError: EventUtil::setSocketOption(): Argument #4 ($optval) must be an array with keys "l_onoff" and "l_linger" for SO_LINGER, int given
ValueError: EventUtil::setSocketOption(): Argument #4 ($optval) must have the key "l_linger"
TypeError: EventUtil::setSocketOption(): Argument #4 ($optval) must be an array with keys "sec" and "usec" for SO_RCVTIMEO/SO_SNDTIMEO, float given
ValueError: EventUtil::setSocketOption(): Argument #4 ($optval) must have the key "sec"
TypeError: EventUtil::setSocketOption(): Argument #4 ($optval) must be of type int for this option, array given

Warning: EventUtil::setSocketOption(): setsockopt(level 1, option 12345) failed on fd %d: Protocol not available in %s on line %d
bool(false)

Warning: EventUtil::setSocketOption(): setsockopt(level 1, option 9) failed on fd %d: Socket operation on non-socket in %s on line %d
bool(false)
