--TEST--
G7: an Event on STDIN (a pipe here) fires with the data and at EOF
--STDIN--
line from stdin
--FILE--
<?php
stream_set_blocking(STDIN, false);
$base = new EventBase();
$ev = new Event($base, STDIN, Event::READ | Event::PERSIST, function ($fd, $what) use (&$ev) {
    var_dump($fd === STDIN);
    $data = fread($fd, 100);
    if ($data === "" && feof($fd)) {
        echo "EOF\n";
        $ev->del();
    } else {
        var_dump($data);
    }
});
var_dump($ev->add(30));
$base->loop();
?>
--EXPECT--
bool(true)
bool(true)
string(16) "line from stdin
"
bool(true)
EOF
