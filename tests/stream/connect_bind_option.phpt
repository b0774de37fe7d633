--TEST--
AsyncStream: connect() binds the local end to the "bind" option
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
[$srv, $addr] = as_listen();
[$busy, $busyAddr] = as_listen();
$base = new EventBase();
$dog = as_watchdog($base);
$peer = null;
$acc = as_accept_one($base, $srv, function ($s) use (&$peer) { $peer = $s; });
$b = null;

// A free local port, chosen by the kernel and then released, is where the client must come from.
$tmp = stream_socket_server("tcp://127.0.0.1:0");
$local = stream_socket_get_name($tmp, false);
fclose($tmp);

$a = AsyncStream::connect($base, $addr, ['bind' => $local])
    ->onConnect(function ($s) use ($local) {
        var_dump($s->getLocalAddress() === "tcp://$local");
        $s->close();
    })
    ->onClose(function ($s, $e) use (&$b, $base, $addr, $busyAddr, $dog, &$peer) {
        echo "a closed: ", as_err($e), "\n";
        $peer?->close();
        // Binding to a port that is already listening fails, and says so through onClose.
        $b = AsyncStream::connect($base, $addr, ['bind' => $busyAddr])
            ->onConnect(fn() => print("b must not connect\n"))
            ->onClose(function ($s, $e) use ($dog) {
                echo "b closed: ", as_err($e), "\n";
                echo $e->getMessage(), "\n";
                $dog->del();
            });
    });
$base->loop();
?>
--EXPECTF--
bool(true)
a closed: null
b closed: AsyncStreamException(EADDRINUSE)
connect to tcp://127.0.0.1:%d failed: Address already in use
