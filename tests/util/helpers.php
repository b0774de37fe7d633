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
    // scripts/test.sh --asan points AS_TEST_MODULE at the sanitizer build
    array_push($cmd, '-d', 'extension=' . (getenv('AS_TEST_MODULE') ?: realpath(__DIR__ . '/../../modules/asyncstream.so')),
        '-d', 'display_errors=stderr', '-d', 'error_reporting=-1');
    // scripts/test.sh --io-uring: the children move their bytes the same way
    if (($io = ini_get('asyncstream.io_uring')) !== false && $io !== '' && strcasecmp($io, 'off') !== 0) {
        array_push($cmd, '-d', "asyncstream.io_uring=$io");
    }
    return $cmd;
}

/** Whether this test runs under valgrind (run-tests.php -m sets USE_ZEND_ALLOC=0). */
function as_under_valgrind(): bool
{
    return getenv('USE_ZEND_ALLOC') === '0';
}

/*
 * Line reading from a child's pipe with a deadline. stream_select() only sees what the
 * kernel holds, not what PHP already buffered, so the pipe is read nonblocking into our
 * own buffer; as_read_rest() returns that buffer plus everything until EOF.
 */
function &as_pipe_buffer($pipe): string
{
    static $bufs = [];
    $id = (int)$pipe;
    $bufs[$id] ??= '';
    return $bufs[$id];
}

/** Reads one line (without "\n"), failing loudly after $timeout seconds. */
function as_read_line($pipe, float $timeout = 60.0): string
{
    $buf = &as_pipe_buffer($pipe);
    $deadline = microtime(true) + $timeout;
    stream_set_blocking($pipe, false);
    while (($pos = strpos($buf, "\n")) === false) {
        $left = $deadline - microtime(true);
        $r = [$pipe]; $w = $e = null;
        if ($left <= 0 || stream_select($r, $w, $e, (int)$left, (int)(fmod($left, 1) * 1e6)) < 1) {
            throw new RuntimeException("timed out waiting for a line; got so far: " . var_export($buf, true));
        }
        $chunk = fread($pipe, 8192);
        if (($chunk === '' || $chunk === false) && feof($pipe)) {
            throw new RuntimeException("pipe closed; got so far: " . var_export($buf, true));
        }
        $buf .= $chunk;
    }
    stream_set_blocking($pipe, true);
    $line = substr($buf, 0, $pos);
    $buf = substr($buf, $pos + 1);
    return $line;
}

/** What is left on the pipe, until EOF. */
function as_read_rest($pipe): string
{
    $buf = &as_pipe_buffer($pipe);
    stream_set_blocking($pipe, true);
    $rest = $buf . stream_get_contents($pipe);
    $buf = '';
    return $rest;
}
