--TEST--
G7: an Event on a popen() stream fires when the command writes
--FILE--
<?php
$p = popen(escapeshellarg(PHP_BINARY) . " -n -r 'echo \"from popen\";'", "r");
stream_set_blocking($p, false);
$base = new EventBase();
$got = "";
$ev = new Event($base, $p, Event::READ | Event::PERSIST, function ($fd) use (&$got, &$ev) {
    $chunk = fread($fd, 100);
    $got .= $chunk;
    if ($chunk === "" && feof($fd)) {
        $ev->del();
    }
});
$ev->add(30);
$base->loop();
var_dump($got);
var_dump(pclose($p));
?>
--EXPECT--
string(10) "from popen"
int(0)
