--TEST--
G7: a php://temp stream is rejected as a descriptor source, and the failed attempt opens no file behind the stream
--SKIPIF--
<?php if (!is_dir('/proc/self/fd')) die('skip needs /proc/self/fd'); ?>
--FILE--
<?php
$t = fopen("php://temp", "w+");
fwrite($t, "abc");
$base = new EventBase();
$fds = count(scandir('/proc/self/fd'));
try {
    new Event($base, $t, Event::READ, function () {});
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
// A cast would have moved the data into a new temporary file (a regular file, which
// no backend can poll): no descriptor may have been opened behind the user's back.
var_dump(count(scandir('/proc/self/fd')) - $fds);
rewind($t);
var_dump(stream_get_contents($t));
?>
--EXPECT--
Event::__construct(): Argument #2 ($fd) must be a stream that can be cast to a file descriptor (a socket, pipe, STDIN, ...), TEMP stream "php://temp" given
int(0)
string(3) "abc"
