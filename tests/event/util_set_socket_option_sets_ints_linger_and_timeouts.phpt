--TEST--
EventUtil: setSocketOption() sets int options, SO_LINGER and SO_RCVTIMEO/SO_SNDTIMEO arrays, as the socket then reports
--EXTENSIONS--
sockets
--FILE--
<?php
$c = stream_socket_server("tcp://127.0.0.1:0");
$s = socket_import_stream($c);

var_dump(EventUtil::setSocketOption($c, EventUtil::SOL_SOCKET, EventUtil::SO_KEEPALIVE, 1));
var_dump(socket_get_option($s, SOL_SOCKET, SO_KEEPALIVE));
var_dump(EventUtil::setSocketOption($c, EventUtil::SOL_TCP, EventUtil::TCP_NODELAY, true));
var_dump(socket_get_option($s, SOL_TCP, TCP_NODELAY) !== 0);
var_dump(EventUtil::setSocketOption($s, EventUtil::SOL_SOCKET, EventUtil::SO_KEEPALIVE, 0));
var_dump(socket_get_option($s, SOL_SOCKET, SO_KEEPALIVE));

var_dump(EventUtil::setSocketOption($c, EventUtil::SOL_SOCKET, EventUtil::SO_LINGER, ["l_onoff" => 1, "l_linger" => 7]));
var_dump(socket_get_option($s, SOL_SOCKET, SO_LINGER));
var_dump(EventUtil::setSocketOption($c, EventUtil::SOL_SOCKET, EventUtil::SO_RCVTIMEO, ["sec" => 3, "usec" => 500000]));
var_dump(socket_get_option($s, SOL_SOCKET, SO_RCVTIMEO));
var_dump(EventUtil::setSocketOption($c, EventUtil::SOL_SOCKET, EventUtil::SO_SNDTIMEO, ["sec" => 2, "usec" => 0]));
var_dump(socket_get_option($s, SOL_SOCKET, SO_SNDTIMEO)["sec"]);
?>
--EXPECT--
bool(true)
int(1)
bool(true)
bool(true)
bool(true)
int(0)
bool(true)
array(2) {
  ["l_onoff"]=>
  int(1)
  ["l_linger"]=>
  int(7)
}
bool(true)
array(2) {
  ["sec"]=>
  int(3)
  ["usec"]=>
  int(500000)
}
bool(true)
int(2)
