<?php
/*
 * Shared by tests that start other PHP processes: the command line of a PHP with the
 * same extensions as this one (under valgrind, run-tests.php's --trace-children=yes
 * follows it), and a few waits that never sleep to synchronise.
 */

/** [php, -n, -d ..., ] with sockets, posix and asyncstream loaded. */
function as_php_cmd(): array
{
    $php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
    $cmd = [$php, '-n', '-d', 'extension_dir=' . ini_get('extension_dir')];
    foreach (['sockets', 'posix'] as $ext) {
        if (extension_loaded($ext)) {
            $cmd[] = '-d';
            $cmd[] = "extension=$ext";
        }
    }
    array_push($cmd, '-d', 'extension=' . realpath(__DIR__ . '/../../modules/asyncstream.so'),
        '-d', 'display_errors=stderr', '-d', 'error_reporting=-1');
    return $cmd;
}

/** Whether this test runs under valgrind (run-tests.php -m sets USE_ZEND_ALLOC=0). */
function as_under_valgrind(): bool
{
    return getenv('USE_ZEND_ALLOC') === '0';
}

/** Reads one line from a (blocking) pipe, failing loudly after $timeout seconds. */
function as_read_line($pipe, float $timeout = 60.0): string
{
    $deadline = microtime(true) + $timeout;
    $line = '';
    while (!str_ends_with($line, "\n")) {
        $left = $deadline - microtime(true);
        $r = [$pipe]; $w = $e = null;
        if ($left <= 0 || stream_select($r, $w, $e, (int)$left, (int)(fmod($left, 1) * 1e6)) < 1) {
            throw new RuntimeException("timed out waiting for a line; got so far: " . var_export($line, true));
        }
        $chunk = fgets($pipe);
        if ($chunk === false) {
            throw new RuntimeException("pipe closed; got so far: " . var_export($line, true));
        }
        $line .= $chunk;
    }
    return rtrim($line, "\n");
}
