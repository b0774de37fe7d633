--TEST--
AsyncStreamServer: exit() inside onConnection ends the script normally, with shutdown functions and no warning (G4)
--FILE--
<?php
register_shutdown_function(function () { echo "shutdown\n"; });
$base = new EventBase();
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $conn, AsyncStreamServer $srv) {
    echo "accepted\n";
    exit(0);
});
$client = AsyncStream::connect($base, $server->getAddress());
$base->loop();
echo "not reached\n";
?>
--EXPECT--
accepted
shutdown
