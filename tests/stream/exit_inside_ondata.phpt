--TEST--
AsyncStream: exit() inside onData ends the script normally; open streams are closed at shutdown with onClose
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = as_pair($base);
$b->onData(function ($s, $d) { echo "got $d\n"; exit(0); });
$a->onClose(fn($s, $e) => print("a onClose " . as_err($e) . "\n"));
$b->onClose(fn($s, $e) => print("b onClose " . as_err($e) . "\n"));
$a->write("bye");
register_shutdown_function(fn() => print("shutdown\n"));
$base->loop();
echo "not reached\n";
?>
--EXPECTF--
got bye
shutdown
%c onClose null
%c onClose null
