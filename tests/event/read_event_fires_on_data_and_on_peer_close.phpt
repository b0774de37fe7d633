--TEST--
Event: a READ event fires when data arrives and again when the peer closes (fread gives "" and feof)
--FILE--
<?php
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
stream_set_blocking($a, false);
$base = new EventBase();
$ev = new Event($base, $a, Event::READ | Event::PERSIST, function ($fd, $what) use (&$b, &$ev) {
    $data = fread($fd, 8192);
    printf("what=%d data=%s feof=%s\n", $what, var_export($data, true), var_export(feof($fd), true));
    if ($data === "hello") {
        fclose($b); // peer close
    } elseif ($data === "" && feof($fd)) {
        $ev->del();
    }
});
$ev->add();
fwrite($b, "hello");
var_dump($base->loop());
?>
--EXPECT--
what=2 data='hello' feof=false
what=2 data='' feof=true
bool(true)
