--TEST--
TLS: bad 'tls' options: unknown names throw ValueError naming them, wrong types TypeError, unusable certificate/key/CA files AsyncStreamTlsException naming the path and OpenSSL's reason
--SKIPIF--
<?php require __DIR__ . '/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/tls.inc';
$certs = tls_certs();
$base = new EventBase();
function t(string $what, callable $f): void
{
    try {
        $r = $f();
        echo "$what: accepted\n";
        if ($r instanceof AsyncStream) $r->close();
        if ($r instanceof AsyncStreamServer) $r->close();
    } catch (Throwable $e) {
        $msg = str_replace(tls_certs()['dir'], 'DIR', $e->getMessage());
        echo "$what: ", $e->getCode() ? as_err($e) : get_class($e), ": $msg\n";
    }
}
$c = fn(array $tls, string $addr = 'tls://127.0.0.1:1') => AsyncStream::connect($base, $addr, ['tls' => $tls]);
$s = fn(array $tls) => new AsyncStreamServer($base, 'tls://127.0.0.1:0', fn() => null, ['tls' => $tls]);
t("unknown name", fn() => $c(['verify_peers' => false]));
t("server key on connect()", fn() => $c(['server' => true]));
t("tls not an array", fn() => AsyncStream::connect($base, 'tls://127.0.0.1:1', ['tls' => 'yes']));
t("int key", fn() => $c([true]));
t("verify_peer not bool", fn() => $c(['verify_peer' => 1]));
t("peer_name empty", fn() => $c(['peer_name' => '']));
t("cafile not string", fn() => $c(['cafile' => 5]));
t("alpn not strings", fn() => $c(['alpn_protocols' => [1]]));
t("alpn empty string", fn() => $c(['alpn_protocols' => ['']]));
t("min_version unknown", fn() => $c(['min_version' => 'TLSv9']));
t("crypto_method without TLS", fn() => $c(['crypto_method' => 1]));
t("crypto_method and min_version", fn() => $c(['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT, 'min_version' => 'TLSv1.3']));
t("verify_depth negative", fn() => $c(['verify_depth' => -1]));
t("handshake_timeout NAN", fn() => $s(tls_server_opts(['handshake_timeout' => NAN])));
t("ciphers matching nothing", fn() => $c(['ciphers' => 'NO-SUCH-CIPHER']));
t("tls options on a tcp:// address", fn() => $c([], 'tcp://127.0.0.1:1'));
t("tls:// with a unix path", fn() => $c([], 'tls:///tmp/x.sock'));
t("missing cafile", fn() => $c(['cafile' => $certs['dir'] . '/nope.pem']));
t("cafile that is not PEM", fn() => $c(['cafile' => __FILE__]));
t("missing local_cert", fn() => $c(['local_cert' => $certs['dir'] . '/nope.pem']));
t("local_cert that is not PEM", fn() => $c(['local_cert' => __FILE__]));
t("local_pk of another certificate", fn() => $c(['local_cert' => $certs['client.pem'], 'local_pk' => $certs['server.key']]));
t("local_pk without local_cert", fn() => $c(['local_pk' => $certs['server.key']]));
t("server without local_cert", fn() => $s([]));
t("server, missing local_cert", fn() => $s(['local_cert' => $certs['dir'] . '/nope.pem']));
t("encrypted key, no passphrase", fn() => $s(['local_cert' => $certs['server.crt'], 'local_pk' => $certs['server_enc.key']]));
t("encrypted key, wrong passphrase", fn() => $s(['local_cert' => $certs['server.crt'], 'local_pk' => $certs['server_enc.key'], 'passphrase' => 'nope']));
t("encrypted key, right passphrase", fn() => $s(['local_cert' => $certs['server.crt'], 'local_pk' => $certs['server_enc.key'], 'passphrase' => 'secret']));
t("SNI_server_certs not an array", fn() => $s(tls_server_opts(['SNI_server_certs' => 'x'])));
t("SNI_server_certs entry without local_cert", fn() => $s(tls_server_opts(['SNI_server_certs' => ['a.test' => ['local_pk' => 'x']]])));
t("SNI_server_certs missing file", fn() => $s(tls_server_opts(['SNI_server_certs' => ['a.test' => $certs['dir'] . '/nope.pem']])));
t("startTls() on a closed stream", function () use ($base) { [$a, $b] = as_pair($base); $a->close(); $b->close(); return $a->startTls([]); });
t("startTls() twice", function () use ($base) { [$a, $b] = as_pair($base); $a->startTls(['verify_peer' => false]); try { $a->startTls([]); } finally { $a->close(); $b->close(); } });
t("startTls() with an unknown option", function () use ($base) { [$a, $b] = as_pair($base); try { $a->startTls(['nope' => 1]); } finally { $a->close(); $b->close(); } });
t("startTls() server role without local_cert", function () use ($base) { [$a, $b] = as_pair($base); try { $a->startTls(['server' => true]); } finally { $a->close(); $b->close(); } });
?>
--EXPECTF--
unknown name: ValueError: AsyncStream::connect(): Argument #3 ($options) option "tls" contains an unknown option "verify_peers"
server key on connect(): ValueError: AsyncStream::connect(): Argument #3 ($options) option "tls" contains an unknown option "server"
tls not an array: TypeError: AsyncStream::connect(): Argument #3 ($options) option "tls" must be of type array, string given
int key: ValueError: AsyncStream::connect(): Argument #3 ($options) option "tls" must be an array of option name => value, key 0 given
verify_peer not bool: TypeError: AsyncStream::connect(): Argument #3 ($options) option "tls" "verify_peer" must be of type bool, int given
peer_name empty: ValueError: AsyncStream::connect(): Argument #3 ($options) option "tls" "peer_name" must be a non-empty string without NUL bytes
cafile not string: TypeError: AsyncStream::connect(): Argument #3 ($options) option "tls" "cafile" must be of type string, int given
alpn not strings: TypeError: AsyncStream::connect(): Argument #3 ($options) option "tls" "alpn_protocols" must be a list of strings, int found in it
alpn empty string: ValueError: AsyncStream::connect(): Argument #3 ($options) option "tls" "alpn_protocols" must name protocols of 1 to 255 bytes each
min_version unknown: ValueError: AsyncStream::connect(): Argument #3 ($options) option "tls" "min_version" must be "TLSv1.2" or "TLSv1.3" (or "TLSv1", "TLSv1.1"), "TLSv9" given
crypto_method without TLS: ValueError: AsyncStream::connect(): Argument #3 ($options) option "tls" "crypto_method" must include a TLS version (STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT, ..._TLSv1_3_CLIENT, ...), 1 given
crypto_method and min_version: ValueError: AsyncStream::connect(): Argument #3 ($options) option "tls" takes "crypto_method" or "min_version", not both
verify_depth negative: ValueError: AsyncStream::connect(): Argument #3 ($options) option "tls" "verify_depth" must be between 0 and 100, -1 given
handshake_timeout NAN: ValueError: AsyncStreamServer::__construct(): Argument #4 ($options) option "tls" "handshake_timeout" must be 0 (none) or a positive number of seconds
ciphers matching nothing: ValueError: AsyncStream::connect(): option "tls" "ciphers" ("NO-SUCH-CIPHER") selects no usable cipher: no cipher match
tls options on a tcp:// address: ValueError: AsyncStream::connect(): Argument #3 ($options) option "tls" needs a "tls://" address, "tcp://127.0.0.1:1" given
tls:// with a unix path: ValueError: AsyncStream::connect(): Argument #2 ($address) %s
missing cafile: AsyncStreamTlsException(ENOENT): AsyncStream::connect(): cannot read cafile "DIR/nope.pem": No such file or directory
cafile that is not PEM: AsyncStreamTlsException(EINVAL): AsyncStream::connect(): cannot load the CA certificates from cafile "%s": %s
missing local_cert: AsyncStreamTlsException(ENOENT): AsyncStream::connect(): cannot read local_cert "DIR/nope.pem": No such file or directory
local_cert that is not PEM: AsyncStreamTlsException(EINVAL): AsyncStream::connect(): cannot use local_cert "%s": %s
local_pk of another certificate: AsyncStreamTlsException(EINVAL): AsyncStream::connect(): the private key in local_pk "DIR/server.key" does not belong to local_cert "DIR/client.pem": key values mismatch
local_pk without local_cert: ValueError: AsyncStream::connect(): option "tls" "local_pk" needs "local_cert"
server without local_cert: ValueError: AsyncStreamServer::__construct(): a TLS server needs the option "tls" "local_cert" (its certificate, PEM)
server, missing local_cert: AsyncStreamTlsException(ENOENT): AsyncStreamServer::__construct(): cannot read local_cert "DIR/nope.pem": No such file or directory
encrypted key, no passphrase: AsyncStreamTlsException(EINVAL): AsyncStreamServer::__construct(): cannot use the private key in local_pk "DIR/server_enc.key": %s (an encrypted key needs the "passphrase" option)
encrypted key, wrong passphrase: AsyncStreamTlsException(EINVAL): AsyncStreamServer::__construct(): cannot use the private key in local_pk "DIR/server_enc.key": %s
encrypted key, right passphrase: accepted
SNI_server_certs not an array: TypeError: AsyncStreamServer::__construct(): Argument #4 ($options) option "tls" "SNI_server_certs" must be of type array, string given
SNI_server_certs entry without local_cert: ValueError: AsyncStreamServer::__construct(): Argument #4 ($options) option "tls" "SNI_server_certs" entry "a.test" needs "local_cert"
SNI_server_certs missing file: AsyncStreamTlsException(ENOENT): AsyncStreamServer::__construct(): cannot read SNI_server_certs certificate "DIR/nope.pem": No such file or directory
startTls() on a closed stream: Error: AsyncStream::startTls(): the stream is closed
startTls() twice: Error: AsyncStream::startTls(): the stream already uses TLS
startTls() with an unknown option: ValueError: AsyncStream::startTls(): Argument #1 ($tls) contains an unknown option "nope"
startTls() server role without local_cert: ValueError: AsyncStream::startTls(): a TLS server needs the option "tls" "local_cert" (its certificate, PEM)
