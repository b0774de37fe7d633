--TEST--
AsyncStream: a connection accepted by a server and still open when the script ends (normally, by exit() in a callback, or by an uncaught exception) is freed (no leak under valgrind); onClose runs unless a fatal error ended the script
--DESCRIPTION--
Runs tests/stream/fixtures/accepted_open_at_end.php under valgrind (or, when this test
itself runs under valgrind, as a traced child) and reports definitely lost blocks.
--SKIPIF--
<?php
if (!is_executable('/usr/bin/valgrind')) die('skip valgrind is not installed');
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';
foreach (['open', 'exit', 'throw'] as $mode) {
    $log = tempnam(sys_get_temp_dir(), 'asvg');
    $cmd = as_php_cmd();
    if (!as_under_valgrind()) {
        // the same leak check run-tests.php -m does, on the child only
        $cmd = array_merge(['valgrind', '-q', '--leak-check=full', '--errors-for-leak-kinds=definite',
            "--log-file=$log"], $cmd);
    }
    $cmd = array_merge($cmd, [__DIR__ . '/fixtures/accepted_open_at_end.php', $mode]);
    $p = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes, null,
        ['USE_ZEND_ALLOC' => '0', 'ZEND_DONT_UNLOAD_MODULES' => '1'] + getenv());
    fclose($pipes[0]);
    $out = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    proc_close($p);
    $vg = (string)file_get_contents($log);
    unlink($log);
    $out = preg_replace('/^(PHP )?Fatal error: Uncaught RuntimeException: thrown by onData.*/ms', 'Fatal error: Uncaught RuntimeException: thrown by onData', $out);
    echo "== $mode\n", trim($out), "\n";
    preg_match_all('/([\d,]+) \(?[^\n]*bytes in [\d,]+ blocks are definitely lost/', $vg, $m);
    echo $m[0] ? "LEAK: " . implode("; ", $m[0]) . "\n" : "no leak\n";
}
?>
--EXPECT--
== open
got x
end of script
onClose null
no leak
== exit
got x
onClose null
no leak
== throw
got x
Fatal error: Uncaught RuntimeException: thrown by onData
no leak
