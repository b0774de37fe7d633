--TEST--
TLS: a failed STARTTLS handshake closes the stream with onClose(AsyncStreamTlsException); onSecure never runs; writes queued for after the handshake are not sent in plaintext
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$base = new EventBase();
[$a, $b] = as_pair($base);
$seenByB = '';
$b->onData(function ($b, $d) use (&$seenByB) { $seenByB .= $d; });
$a->onData(fn($a, $d) => print("a onData: $d"));
$a->startTls(tls_client_opts(['peer_name' => 'localhost']), fn() => print("onSecure\n"));
$a->write("must never go out in plaintext");
$a->onClose(function ($a, $e) { echo "a onClose: ", tls_err($e), "\n"; });
$b->onEnd(fn($b) => $b->end());
$t = Event::timer($base, function () use ($b) { $b->write(str_repeat("nonsense", 100)); });
$t->add(0.2);
tls_run_until($base, function () use (&$a, &$b) { return $a->isClosed() && $b->isClosed(); });
echo "b saw the secret in plaintext: ", var_export(str_contains($seenByB, 'must never'), true), "\n";
echo "b saw a ClientHello: ", var_export(str_starts_with($seenByB, "\x16\x03"), true), "\n";
?>
--EXPECTF--
a onClose: AsyncStreamTlsException(EPROTO): TLS handshake with %s failed: %s
b saw the secret in plaintext: false
b saw a ClientHello: true
