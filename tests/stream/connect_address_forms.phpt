--TEST--
AsyncStream: connect() accepts "tcp://HOST:PORT", "HOST:PORT" and "unix:///path"
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$path = sys_get_temp_dir() . '/asyncstream-test-' . getmypid() . '.sock';
@unlink($path);
[$tcp, $tcpAddr] = as_listen();
[$unix] = as_listen("unix://$path");
$base = new EventBase();
$dog = as_watchdog($base);
$keep = [];
foreach ([[$tcp, 2], [$unix, 1]] as [$srv, $n]) {
    $keep[] = as_accept_one($base, $srv, function (AsyncStream $s) use (&$keep) {
        $keep[] = $s;
        $s->onData(fn($s, $d) => $s->end("echo:$d"));
    }, $n);
}
$todo = ["tcp://$tcpAddr", $tcpAddr, "unix://$path"];
$left = count($todo);
foreach ($todo as $a) {
    $keep[] = AsyncStream::connect($base, $a)
        ->onConnect(function ($s) use ($a) { $s->write($a); })
        ->onData(function ($s, $d) use ($a, $path, &$lines) {
            $lines[] = "$a => $d | remote " . str_replace($path, "PATH", (string)$s->getRemoteAddress());
        })
        ->onClose(function ($s, $e) use (&$left, $dog) {
            if (--$left === 0) $dog->del();
            if ($e) echo as_err($e), ' ', $e->getMessage(), "\n";
        });
}
$lines = [];
$base->loop();
sort($lines);
echo implode("\n", $lines), "\n";
unlink($path);
?>
--EXPECTF--
127.0.0.1:%d => echo:127.0.0.1:%d | remote tcp://127.0.0.1:%d
tcp://127.0.0.1:%d => echo:tcp://127.0.0.1:%d | remote tcp://127.0.0.1:%d
unix://%s => echo:unix://%s | remote unix://PATH
