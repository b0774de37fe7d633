--TEST--
TLS: max_connections counts an accepted TLS connection from the accept on (its handshake included), and accepting resumes when one closes
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$base = new EventBase();
$accepted = [];
$srv = tls_server($base, [], function (AsyncStream $c) use (&$accepted) {
    $accepted[] = $c;
    $c->write("welcome " . count($accepted) . "\n");
}, ['max_connections' => 1]);
$errors = 0;
$srv->onError(function ($srv, $e) use (&$errors) { $errors++; }); // the silent one's failed handshake
$port = (int)substr(strrchr($srv->getAddress(), ':'), 1);

// A plain TCP client that never starts its handshake holds the one slot.
$silent = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5);
$lines = [];
$client = AsyncStream::connect($base, tls_addr($srv), ['tls' => tls_client_opts()]);
$client->setFraming(AsyncStream::FRAME_DELIMITER, "\n");
$client->onData(function ($c, $line) use (&$lines) { $lines[] = $line; });

// The client's TCP connect completes (the kernel queues it), its handshake does not.
$t0 = microtime(true);
tls_run_until($base, fn () => microtime(true) - $t0 > 1.0, 5.0);
echo "while the silent one holds the slot: ", count($lines), " lines, ", count($accepted), " accepted\n";

// The silent one leaves: its slot goes to the waiting client.
fclose($silent);
tls_run_until($base, function () use (&$lines) { return count($lines) === 1; });
echo "after it left: ", implode(",", $lines), ", handshake failures reported: $errors\n";
$client->close();
$srv->close();
?>
--EXPECT--
while the silent one holds the slot: 0 lines, 0 accepted
after it left: welcome 1, handshake failures reported: 1
