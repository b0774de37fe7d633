--TEST--
TLS fuzz slice (seeds 2, 10, 16, 17): TLS servers, tls:// clients with valid, wrong and garbage options, startTls() at any moment, getTlsInfo() and peers that send garbage or reset mid-handshake all end in a result or an exception
--EXTENSIONS--
openssl
pcntl
posix
sockets
--SKIPIF--
<?php require __DIR__ . '/../tls/fixtures/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
/*
 * scripts/fuzz.php in-process with half of its steps TLS steps: TLS AsyncStreamServers
 * (right, expired, self-signed, missing certificates, client certificates required),
 * tls:// clients (verification on/off, wrong peer_name, ALPN lists, bad cafile paths,
 * garbage types), startTls() on socket pairs and on any stream (both roles, twice, after
 * end()/close()), getTlsInfo() anywhere, raw peers that stay silent, send garbage or half
 * a ClientHello, or reset mid-handshake; callbacks of every callable kind that free the
 * base, close, fork or throw inside onSecure/onConnection/onConnect. The seeds are chosen
 * for their error handler: 2 returns false, 10 frees random objects (load profile), 16
 * throws ErrorException (load profile), 17 re-enters the extension. Under
 * scripts/test.sh --valgrind this is the CI slice that must show no invalid access and
 * no leak (fewer steps, and the loop runs longer so that handshakes still finish).
 */
require __DIR__ . '/../../scripts/fuzz.php';
$valgrind = getenv('USE_ZEND_ALLOC') === '0';
$steps = $valgrind ? 100 : 250;
$modes = [];
$tls = $done = 0;
foreach ([2, 10, 16, 17] as $seed) {
    $r = as_fuzz_run($seed, 0, true, false, 4, ['steps' => $steps, 'tls_share' => 50, 'slow' => $valgrind ? 20 : 1]);
    $modes[] = $r['handler'] . ($r['load'] ? '+load' : '');
    $tls += $r['tls'];
    $done += $r['tls_done'];
    echo implode("\n", $r['findings']), $r['findings'] ? "\n" : '';
    echo "seed $seed: findings: ", count($r['findings']), "\n";
}
echo implode(' ', $modes), "\n";
echo "TLS objects made: ", $tls > 0 ? "yes" : "none", "\n";
echo "handshakes finished: ", $done > 0 ? "yes" : "none", "\n";
?>
--EXPECT--
seed 2: findings: 0
seed 10: findings: 0
seed 16: findings: 0
seed 17: findings: 0
false free+load throw+load reenter
TLS objects made: yes
handshakes finished: yes
