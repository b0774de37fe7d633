<?php
/*
 * An HTTPS GET with AsyncStream over TLS: verified against the system's trusted
 * certificates by default, SNI and the hostname check from the URL's host.
 *
 *   php -d extension=asyncstream examples/https_get.php https://example.com/
 *   php -d extension=asyncstream examples/https_get.php https://127.0.0.1:8443/ ca.pem
 *
 * The optional second argument is a CA file to trust instead (a private CA, a test
 * server). Prints the status line, the negotiated TLS parameters and the body; exits 1
 * with the reason (e.g. "certificate verify failed: hostname mismatch (expected ...)")
 * when the connection fails.
 */
$url = $argv[1] ?? 'https://example.com/';
$cafile = $argv[2] ?? null;
$u = parse_url($url);
if (!$u || ($u['scheme'] ?? '') !== 'https' || empty($u['host'])) {
    fwrite(STDERR, "usage: php https_get.php https://HOST[:PORT]/PATH [CAFILE]\n");
    exit(2);
}
$host = $u['host'];
$port = $u['port'] ?? 443;
$path = ($u['path'] ?? '/') . (isset($u['query']) ? '?' . $u['query'] : '');
$hostPort = (str_contains($host, ':') ? "[$host]" : $host) . ":$port";

$tls = ['alpn_protocols' => ['http/1.1']];
if ($cafile !== null) {
    $tls['cafile'] = $cafile;
}
$base = new EventBase();
$response = '';
$failed = null;
$conn = AsyncStream::connect($base, "tls://$hostPort", ['tls' => $tls, 'timeout' => 30]);
$conn->onConnect(function (AsyncStream $c) use ($host, $path) {
    $i = $c->getTlsInfo();
    fprintf(STDERR, "connected: %s, %s, ALPN %s, certificate of %s (issued by %s)\n", $i['protocol'], $i['cipher'],
        $i['alpn'] ?? 'none', $i['peer_certificate']['subject'], $i['peer_certificate']['issuer']);
    // write(), not end(): many servers take an early close_notify for the end of the connection.
    $c->write("GET $path HTTP/1.1\r\nHost: $host\r\nUser-Agent: asyncstream-example\r\nConnection: close\r\n\r\n");
});
$conn->onData(function (AsyncStream $c, string $data) use (&$response) {
    $response .= $data;
});
$conn->onEnd(fn(AsyncStream $c) => $c->end()); // "Connection: close": the server ends, so do we
$conn->onClose(function (AsyncStream $c, ?AsyncStreamException $e) use (&$failed) {
    $failed = $e;
});
$base->loop();

if ($failed) {
    fwrite(STDERR, "https_get: " . $failed->getMessage() . "\n");
    exit(1);
}
[$head, $body] = explode("\r\n\r\n", $response, 2) + ['', ''];
if (preg_match('/^transfer-encoding:\s*chunked/mi', $head)) {
    $plain = '';
    while (preg_match('/^([0-9a-f]+)\r\n/i', $body, $m) && ($n = hexdec($m[1])) > 0) {
        $plain .= substr($body, strlen($m[0]), $n);
        $body = substr($body, strlen($m[0]) + $n + 2);
    }
    $body = $plain;
}
echo strtok($head, "\r\n"), "\n", $body;
