--TEST--
io_uring: startTls() on ring streams, both roles, while megabytes of plaintext written before it are still queued or in flight: all of it arrives first, in order, then the handshake, then encrypted bytes; the streams stay on io_uring
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; require __DIR__ . '/../tls/fixtures/skipif.inc'; ?>
--INI--
asyncstream.io_uring=on
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../tls/fixtures/tls.inc';
const PLAIN = 8 * 1024 * 1024;
$base = new EventBase();
$dog = as_watchdog($base, tls_limit());
[$x, $y] = as_pair($base); // $x takes the client role, $y the server role
echo "before: ", $x->getIoMethod(), " ", $y->getIoMethod(), "\n";

// $x does not read yet: $y's plaintext cannot all leave, so a send stays queued or in flight.
$x->pause();
$plain = '';
for ($i = 0; strlen($plain) < PLAIN; $i++) {
    $plain .= str_repeat(sprintf("%07d\n", $i), 8192); // 64 KiB blocks that differ: a lost or reordered block shows in the hash
}
$y->write($plain);
$y->write("LAST PLAINTEXT\n");
$sent = hash('sha256', $plain . "LAST PLAINTEXT\n");
$yLog = [];
$y->onData(function ($y, $d) use (&$yLog) { $yLog[] = "y got: $d (" . ($y->getTlsInfo() ? "TLS" : "plain") . ")"; $y->write("reply to $d"); });

// The next loop turn: the send was handed to the kernel; upgrade $y while it is in flight.
$t = Event::timer($base, function () use ($x, $y, &$yLog) {
    echo "y in flight at startTls: ", var_export($y->getWriteBufferSize() > 0, true), "\n";
    $y->startTls(tls_server_opts(['server' => true]), function ($y) use (&$yLog) { $yLog[] = "y onSecure"; });
    $x->resume();
});
$t->add(0);

$got = hash_init('sha256');
$received = 0;
$secured = false;
$reply = null;
$x->onData(function ($x, $d) use (&$received, $got, &$secured, &$reply) {
    if ($secured) {
        $reply = $d;
        return;
    }
    hash_update($got, $d);
    $received += strlen($d);
    if ($received === PLAIN + strlen("LAST PLAINTEXT\n")) {
        // Everything before the server's switch is here and nothing after it: the client's turn.
        $x->startTls(tls_client_opts(['peer_name' => 'localhost']), function ($x) use (&$secured) {
            $secured = true;
            echo "x onSecure: ", tls_info_line($x->getTlsInfo()), "\n";
            $x->write("secret");
        });
    } elseif ($received > PLAIN + strlen("LAST PLAINTEXT\n")) {
        echo "too many plaintext bytes: $received\n";
    }
});
tls_run_until($base, function () use (&$reply) { return $reply !== null; });
echo "plaintext: ", $received, " bytes, hash ", hash_final($got) === $sent ? "matches" : "DIFFERS", "\n";
echo implode("\n", $yLog), "\n";
echo "x got: $reply\n";
echo "after: ", $x->getIoMethod(), " ", $y->getIoMethod(), "\n";
$x->close();
$y->close();
?>
--EXPECT--
before: io_uring io_uring
y in flight at startTls: true
x onSecure: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
plaintext: 8388623 bytes, hash matches
y onSecure
y got: secret (TLS)
x got: reply to secret
after: io_uring io_uring
