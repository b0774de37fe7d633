--TEST--
G7: php://memory, php://temp, directory handles and user streams without stream_cast throw a ValueError naming $fd, with no other warning
--FILE--
<?php
class NoCast {
    public $context;
    function stream_open($path, $mode, $options, &$opened) { return true; }
    function stream_read($n) { return ""; }
    function stream_eof() { return true; }
}
stream_wrapper_register("nocast", NoCast::class);

$base = new EventBase();
$sources = [
    "php://memory" => fopen("php://memory", "r+"),
    "php://temp" => fopen("php://temp", "r+"),
    "opendir" => opendir(__DIR__),
    "user stream" => fopen("nocast://x", "r"),
];
foreach ($sources as $what => $src) {
    echo "$what:\n";
    try {
        new Event($base, $src, Event::READ, function () {});
        echo "  no exception\n";
    } catch (Throwable $e) {
        echo "  ", get_class($e), ": ", $e->getMessage(), "\n";
    }
    try {
        EventUtil::getSocketFd($src);
        echo "  no exception\n";
    } catch (Throwable $e) {
        echo "  ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
php://memory:
  ValueError: Event::__construct(): Argument #2 ($fd) must be a stream that can be cast to a file descriptor (a socket, pipe, STDIN, ...), MEMORY stream "php://memory" given
  ValueError: EventUtil::getSocketFd(): Argument #1 ($socket) must be a stream that can be cast to a file descriptor (a socket, pipe, STDIN, ...), MEMORY stream "php://memory" given
php://temp:
  ValueError: Event::__construct(): Argument #2 ($fd) must be a stream that can be cast to a file descriptor (a socket, pipe, STDIN, ...), TEMP stream "php://temp" given
  ValueError: EventUtil::getSocketFd(): Argument #1 ($socket) must be a stream that can be cast to a file descriptor (a socket, pipe, STDIN, ...), TEMP stream "php://temp" given
opendir:
  ValueError: Event::__construct(): Argument #2 ($fd) must be a stream that can be cast to a file descriptor (a socket, pipe, STDIN, ...), dir stream given
  ValueError: EventUtil::getSocketFd(): Argument #1 ($socket) must be a stream that can be cast to a file descriptor (a socket, pipe, STDIN, ...), dir stream given
user stream:
  ValueError: Event::__construct(): Argument #2 ($fd) must be a stream that can be cast to a file descriptor (a socket, pipe, STDIN, ...), user-space stream "nocast://x" given
  ValueError: EventUtil::getSocketFd(): Argument #1 ($socket) must be a stream that can be cast to a file descriptor (a socket, pipe, STDIN, ...), user-space stream "nocast://x" given
