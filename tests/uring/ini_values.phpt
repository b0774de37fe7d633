--TEST--
asyncstream.io_uring accepts off, auto and on and refuses anything else with a warning
--INI--
asyncstream.io_uring="off"
--FILE--
<?php
var_dump(ini_get('asyncstream.io_uring'));
foreach (['auto', 'on', 'OFF', 'sometimes'] as $v) {
    var_dump(ini_set('asyncstream.io_uring', $v), ini_get('asyncstream.io_uring'));
}
?>
--EXPECTF--
string(3) "off"
string(3) "off"
string(4) "auto"
string(4) "auto"
string(2) "on"
string(2) "on"
string(3) "OFF"

Warning: ini_set(): asyncstream.io_uring must be "off", "auto" or "on", "sometimes" given in %s on line %d
bool(false)
string(3) "OFF"
