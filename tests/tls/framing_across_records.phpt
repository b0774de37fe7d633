--TEST--
TLS: FRAME_DELIMITER and FRAME_FIXED cut frames split across many TLS records (one write per loop iteration, so one record each; the delimiter itself split) and many frames in one record
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$base = new EventBase();
$frames = [];
$srv = tls_server($base, [], function (AsyncStream $c) use (&$frames) {
    $c->setFraming(AsyncStream::FRAME_DELIMITER, "\r\n");
    $c->onData(function ($c, $d) use (&$frames) {
        $frames[] = strlen($d) > 20 ? strlen($d) . " bytes, md5 " . md5($d) : $d;
        if ($d === 'switch') {
            $c->setFraming(AsyncStream::FRAME_FIXED, 5);
        }
    });
});
$big = str_repeat("0123456789abcdef", 3000); // 48000 bytes: more than two records
$s = AsyncStream::connect($base, tls_addr($srv), ['tls' => tls_client_opts()]);
/*
 * One piece per loop iteration, each after the previous one left (writes in one iteration
 * are coalesced into one record): every piece is its own TLS record (the 20000-byte one
 * two), so the server reads them apart (a few ms between pieces, while it polls at once)
 * and the delimiter itself arrives split ("\r" | "\nwor"). The last piece holds many
 * frames in one record.
 */
$pieces = ['he', 'llo', "\r", "\nwor", "ld\r\n", substr($big, 0, 20000), substr($big, 20000), "\r\n",
    "a\r\nb\r\n\r\nc\r\nswitch\r\n12345678", "90ABCDE"];
$records = 0;
$next = Event::timer($base, function () use ($s, &$pieces, &$next, &$records) {
    if ($s->isConnected() && $s->getWriteBufferSize() === 0) {
        $s->write(array_shift($pieces));
        $records++;
    }
    if ($pieces) {
        $next->add(0.005);
    }
});
$s->onConnect(fn() => $next->add(0.005));
tls_run_until($base, function () use (&$frames) { return count($frames) >= 11; });
print_r($frames);
echo "writes, one per iteration: $records\n";
echo "md5 of the big frame: ", md5($big), "\n";
$s->close();
$srv->close();
?>
--EXPECTF--
Array
(
    [0] => hello
    [1] => world
    [2] => 48000 bytes, md5 %s
    [3] => a
    [4] => b
    [5] => 
    [6] => c
    [7] => switch
    [8] => 12345
    [9] => 67890
    [10] => ABCDE
)
writes, one per iteration: 10
md5 of the big frame: %s
