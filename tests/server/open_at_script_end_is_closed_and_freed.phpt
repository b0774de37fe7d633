--TEST--
AsyncStreamServer: a server still listening at the end of the script (with an accepted connection and a client open) is closed in the destructor pass and freed: valgrind finds nothing definitely lost (before the fix the server and its accepted stream were)
--SKIPIF--
<?php
if (!is_executable('/usr/bin/valgrind')) die('skip valgrind needed');
if (getenv('USE_ZEND_ALLOC') === '0') die('skip runs valgrind itself (not under valgrind)');
?>
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';
$code = <<<'PHP'
$base = new EventBase();
$server = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c) {
    $c->onClose(fn ($c, $e) => print("accepted onClose " . ($e ? $e->getMessage() : "null") . "\n"));
    $c->write("hello");
});
$server->data = new class { public function __destruct() { echo "server data released\n"; } };
$client = AsyncStream::connect($base, $server->getAddress());
$client->onData(function (AsyncStream $c, string $d) use ($base) { echo "client got $d\n"; $base->stop(); });
$base->loop();
var_dump($server->isListening());
echo "end of script\n";
PHP;
$cmd = array_merge(['/usr/bin/valgrind', '-q', '--leak-check=full', '--show-leak-kinds=definite',
    '--errors-for-leak-kinds=definite', '--error-exitcode=99'], as_php_cmd(), ['-r', $code]);
$p = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null,
    ['USE_ZEND_ALLOC' => '0', 'ZEND_DONT_UNLOAD_MODULES' => '1'] + getenv());
fclose($pipes[0]);
echo stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
echo "exit ", proc_close($p), "\n";
echo str_contains($err, 'definitely lost') ? "LEAKED:\n$err" : "nothing definitely lost\n";
?>
--EXPECT--
client got hello
bool(true)
end of script
server data released
accepted onClose null
exit 0
nothing definitely lost
