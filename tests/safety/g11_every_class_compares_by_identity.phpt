--TEST--
G11: every class compares by identity: == is true only for the same object, so a non-strict array_search()/in_array() finds the right stream, server, event or base
--FILE--
<?php
$base = new EventBase();
$srvA = new AsyncStreamServer($base, "127.0.0.1:0", fn () => null);
$srvB = new AsyncStreamServer($base, "127.0.0.1:0", fn () => null);
[$p, $q] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
$pairs = [
    'EventBase' => [$base, new EventBase()],
    'EventConfig' => [new EventConfig(), new EventConfig()],
    'Event' => [Event::timer($base, fn () => null), Event::timer($base, fn () => null)],
    'AsyncStream (adopted)' => [new AsyncStream($base, $p), new AsyncStream($base, $q)],
    'AsyncStream (connect)' => [AsyncStream::connect($base, $srvA->getAddress()), AsyncStream::connect($base, $srvA->getAddress())],
    'AsyncStreamServer' => [$srvA, $srvB],
];
foreach ($pairs as $name => [$a, $b]) {
    $same = $a;
    $r = [
        $a == $b, $a != $b, $a == $same, $a <=> $same,
        $a < $b, $a > $b,
        array_search($b, [$a, $b]), in_array($b, [$a]),
    ];
    echo str_pad($name, 22), json_encode($r), "\n";
}
// Closed and freed objects too: state does not make two objects equal.
$pairs['AsyncStreamServer'][0]->close();
$pairs['AsyncStreamServer'][1]->close();
var_dump($srvA == $srvB);
$e1 = $pairs['Event'][0]; $e2 = $pairs['Event'][1];
$e1->free(); $e2->free();
var_dump($e1 == $e2);
?>
--EXPECT--
EventBase             [false,true,true,0,false,false,1,false]
EventConfig           [false,true,true,0,false,false,1,false]
Event                 [false,true,true,0,false,false,1,false]
AsyncStream (adopted) [false,true,true,0,false,false,1,false]
AsyncStream (connect) [false,true,true,0,false,false,1,false]
AsyncStreamServer     [false,true,true,0,false,false,1,false]
bool(false)
bool(false)
