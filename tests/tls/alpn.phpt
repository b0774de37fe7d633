--TEST--
TLS: ALPN: the server picks its most preferred protocol the client offers; no common protocol or no offer means alpn null; PHP's client sees the choice
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$base = new EventBase();
$srv = tls_server($base, ['alpn_protocols' => ['h2', 'http/1.1']], function (AsyncStream $c) {
    echo "  server sees: ", var_export($c->getTlsInfo()['alpn'], true), "\n";
    $c->onData(fn($c, $d) => $c->write($d));
});
$addr = tls_addr($srv);
foreach ([['http/1.1', 'h2'], ['http/1.1'], ['spdy/1'], null, 'http/1.1,h2'] as $offer) {
    echo "client offers ", json_encode($offer), ":\n";
    $r = tls_try($base, $addr, tls_client_opts($offer === null ? [] : ['alpn_protocols' => $offer]));
    echo "  client: $r\n";
}
$srv->close();

// Our client against PHP's server, which selects from its own list.
$peer = tls_php_peer('alpn-server', ['ctx' => ['local_cert' => $certs['server.pem'], 'alpn_protocols' => 'x/1,y/2']]);
echo "against PHP's server: ", tls_try($base, "tls://127.0.0.1:{$peer['port']}", tls_client_opts(['alpn_protocols' => ['y/2']])), "\n";
echo tls_php_peer_wait($peer);
?>
--EXPECT--
client offers ["http\/1.1","h2"]:
  server sees: 'h2'
  client: ok: TLS alpn='h2' verified=true peer=localhost clean_shutdown=NULL
client offers ["http\/1.1"]:
  server sees: 'http/1.1'
  client: ok: TLS alpn='http/1.1' verified=true peer=localhost clean_shutdown=NULL
client offers ["spdy\/1"]:
  server sees: NULL
  client: ok: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
client offers null:
  server sees: NULL
  client: ok: TLS alpn=NULL verified=true peer=localhost clean_shutdown=NULL
client offers "http\/1.1,h2":
  server sees: 'h2'
  client: ok: TLS alpn='h2' verified=true peer=localhost clean_shutdown=NULL
against PHP's server: ok: TLS alpn='y/2' verified=true peer=localhost clean_shutdown=NULL
alpn y/2
echoed 4 bytes
