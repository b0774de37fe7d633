--TEST--
EventUtil: socket constants equal the system values that ext/sockets exposes
--EXTENSIONS--
sockets
--FILE--
<?php
$pairs = [
    'AF_INET' => AF_INET, 'AF_INET6' => AF_INET6, 'AF_UNIX' => AF_UNIX,
    'SOL_SOCKET' => SOL_SOCKET, 'SOL_TCP' => SOL_TCP, 'SOL_UDP' => SOL_UDP,
    'IPPROTO_IP' => IPPROTO_IP, 'IPPROTO_IPV6' => IPPROTO_IPV6, 'TCP_NODELAY' => TCP_NODELAY,
    'SOCK_RAW' => SOCK_RAW,
    'SO_DEBUG' => SO_DEBUG, 'SO_REUSEADDR' => SO_REUSEADDR, 'SO_KEEPALIVE' => SO_KEEPALIVE,
    'SO_DONTROUTE' => SO_DONTROUTE, 'SO_LINGER' => SO_LINGER, 'SO_BROADCAST' => SO_BROADCAST,
    'SO_OOBINLINE' => SO_OOBINLINE, 'SO_SNDBUF' => SO_SNDBUF, 'SO_RCVBUF' => SO_RCVBUF,
    'SO_SNDLOWAT' => SO_SNDLOWAT, 'SO_RCVLOWAT' => SO_RCVLOWAT, 'SO_SNDTIMEO' => SO_SNDTIMEO,
    'SO_RCVTIMEO' => SO_RCVTIMEO, 'SO_TYPE' => SO_TYPE, 'SO_ERROR' => SO_ERROR,
];
$bad = 0;
foreach ($pairs as $name => $system) {
    $ours = constant("EventUtil::$name");
    if ($ours !== $system) {
        echo "EventUtil::$name = ", var_export($ours, true), ", system $system\n";
        $bad++;
    }
}
echo count($pairs), " constants checked, $bad differ\n";
var_dump(EventUtil::AF_UNSPEC);
?>
--EXPECT--
25 constants checked, 0 differ
int(0)
