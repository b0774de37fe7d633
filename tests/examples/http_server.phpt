--TEST--
examples/http_server.php: keep-alive, pipelined requests answered in order, Connection: close and HTTP/1.0 close after the response
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip posix needed'); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/run.php';
[$p, $pipes, $addr] = ex_start('http_server.php', ['tcp://127.0.0.1:0', '300']);

/** Reads one response (head + Content-Length body); returns [status line, connection header, body]. */
function read_response($c, bool $isHead = false): array
{
    $head = '';
    while (!str_ends_with($head, "\r\n\r\n")) {
        $ch = fread($c, 1);
        if ($ch === '' || $ch === false) {
            return ['EOF', '-', '-'];
        }
        $head .= $ch;
    }
    preg_match('/Content-Length: (\d+)/', $head, $m);
    $conn = preg_match('/Connection: (\S+)/', $head, $cm) ? $cm[1] : '-';
    return [strtok($head, "\r\n"), $conn, $isHead ? "(HEAD: no body, Content-Length $m[1])" : ex_read_exactly($c, (int)$m[1])];
}

// Keep-alive: two requests one after the other on one connection.
$c = ex_connect($addr);
foreach (['/one', '/two'] as $path) {
    fwrite($c, "GET $path HTTP/1.1\r\nHost: test\r\n\r\n");
    echo "keep-alive: ", implode(" | ", array_map('trim', read_response($c))), "\n";
}
// Pipelining: three requests in one write, the last one closing; a fourth after it is ignored.
fwrite($c, "GET /a HTTP/1.1\r\nHost: test\r\n\r\nHEAD /b HTTP/1.1\r\nHost: test\r\n\r\n"
    . "GET /c HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\n\r\n");
for ($i = 0; $i < 4; $i++) {
    echo "pipelined: ", implode(" | ", array_map('trim', read_response($c, $i === 1))), "\n";
}
fclose($c);
// HTTP/1.0 without keep-alive: one response, then EOF.
$c = ex_connect($addr);
fwrite($c, "GET /old HTTP/1.0\r\n\r\n");
echo "http/1.0: ", implode(" | ", array_map('trim', read_response($c))), "\n";
echo "then: ", read_response($c)[0], "\n";
fclose($c);
// Garbage: 400 and close.
$c = ex_connect($addr);
fwrite($c, "hello\r\n\r\n");
echo "garbage: ", read_response($c)[0], "\n";
fclose($c);

[$out, $err, $code] = ex_stop($p, $pipes);
echo $out, "stderr: ", $err === '' ? "(empty)" : $err, "\nexit code: $code\n";
?>
--EXPECT--
keep-alive: HTTP/1.1 200 OK | - | hello from asyncstream: GET /one (request 1 on this connection)
keep-alive: HTTP/1.1 200 OK | - | hello from asyncstream: GET /two (request 2 on this connection)
pipelined: HTTP/1.1 200 OK | - | hello from asyncstream: GET /a (request 3 on this connection)
pipelined: HTTP/1.1 200 OK | - | (HEAD: no body, Content-Length 63)
pipelined: HTTP/1.1 200 OK | close | hello from asyncstream: GET /c (request 5 on this connection)
pipelined: EOF | - | -
http/1.0: HTTP/1.1 200 OK | close | hello from asyncstream: GET /old (request 1 on this connection)
then: EOF
garbage: HTTP/1.1 400 Bad Request
http server: stopped after 3 connections, 7 requests
stderr: (empty)
exit code: 0
