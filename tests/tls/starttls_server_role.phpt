--TEST--
TLS: startTls() on a stream accepted by a plain server takes the server role; the plaintext reply queued before it goes out first; PHP's client upgrades with stream_socket_enable_crypto()
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$base = new EventBase();
$dog = as_watchdog($base, tls_limit());
$srv = new AsyncStreamServer($base, "tcp://127.0.0.1:0", function (AsyncStream $c, AsyncStreamServer $srv) use ($dog) {
    $c->setFraming(AsyncStream::FRAME_DELIMITER, "\n");
    $c->onData(function (AsyncStream $c, string $line) {
        echo "line: $line (", $c->getTlsInfo() === null ? "plain" : "TLS", ")\n";
        if ($line === 'STARTTLS') {
            $c->write("GO\n");
            $c->startTls(tls_server_opts(), fn($c) => print("onSecure: " . tls_info_line($c->getTlsInfo()) . "\n"));
            tls_check_io($c);
        } elseif ($line === 'secret line') {
            $c->write("echo: $line\n");
        }
    });
    $c->onEnd(fn($c) => $c->end());
    $c->onClose(function ($c, $e) use ($srv, $dog) { echo "onClose: ", tls_err($e), "\n"; $srv->close(); $dog->del(); });
});
$peer = tls_php_peer('starttls-client', ['port' => (int)substr(strrchr($srv->getAddress(), ':'), 1),
    'ctx' => ['verify_peer' => true, 'cafile' => tls_certs()['ca.pem'], 'peer_name' => 'localhost']]);
$base->loop();
echo tls_php_peer_wait($peer);
?>
--EXPECT--
line: EHLO plain (plain)
line: STARTTLS (plain)
onSecure: TLS alpn=NULL verified=false peer=- clean_shutdown=NULL
line: secret line (TLS)
onClose: null
reply: echo: secret line
