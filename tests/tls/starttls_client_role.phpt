--TEST--
TLS: startTls() upgrades a connected plain stream in the client role: plaintext frames received before the call are delivered before any decrypted byte, writes after it go out encrypted once the handshake is done, onSecure fires once
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$peer = tls_php_peer('starttls-server', ['ctx' => ['local_cert' => $certs['server.pem']]]);
$base = new EventBase();
$dog = as_watchdog($base, tls_limit());
$s = AsyncStream::connect($base, "tcp://127.0.0.1:{$peer['port']}");
$s->setFraming(AsyncStream::FRAME_DELIMITER, "\n");
$s->onData(function (AsyncStream $s, string $line) {
    echo "line: $line (", $s->getTlsInfo() === null ? "plain stream" : "TLS stream, handshake " . ($s->getTlsInfo()['protocol'] ? "done" : "pending"), ")\n";
    if ($line === 'hello in plaintext') {
        $s->write("EHLO me\nSTARTTLS\n");
    } elseif ($line === 'GO') {
        $r = $s->startTls(tls_client_opts(['peer_name' => 'localhost', 'handshake_timeout' => tls_limit()]), function (AsyncStream $s) {
            echo "onSecure: ", tls_info_line($s->getTlsInfo()), "\n";
        });
        echo "startTls() returns the stream: ", var_export($r === $s, true), "\n";
        tls_check_io($s);
        $s->write("secret line\n"); // queued until the handshake is done, then encrypted
    } elseif ($line === 'echo: secret line') {
        $s->end();
    }
});
$s->onClose(function ($s, $e) use ($dog) { echo "onClose: ", tls_err($e), "\n"; $dog->del(); });
$base->loop();
echo tls_php_peer_wait($peer);
?>
--EXPECT--
line: hello in plaintext (plain stream)
line: GO (plain stream)
startTls() returns the stream: true
onSecure: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
line: last plain line (TLS stream, handshake done)
line: echo: secret line (TLS stream, handshake done)
onClose: null
plain line: EHLO me
encrypted
tls line: secret line
