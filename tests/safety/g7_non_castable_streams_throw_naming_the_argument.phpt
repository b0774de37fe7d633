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
  ValueError: Event::__construct(): Argument #2 ($fd) must be a stream that can be cast to a file descriptor (sockets, pipes, STDIN/STDOUT), "PHP" stream of type "MEMORY" given
  ValueError: EventUtil::getSocketFd(): Argument #1 ($socket) must be a stream that can be cast to a file descriptor (sockets, pipes, STDIN/STDOUT), "PHP" stream of type "MEMORY" given
php://temp:
  ValueError: Event::__construct(): Argument #2 ($fd) must be a stream that can be cast to a file descriptor (sockets, pipes, STDIN/STDOUT), "PHP" stream of type "TEMP" given
  ValueError: EventUtil::getSocketFd(): Argument #1 ($socket) must be a stream that can be cast to a file descriptor (sockets, pipes, STDIN/STDOUT), "PHP" stream of type "TEMP" given
opendir:
  ValueError: Event::__construct(): Argument #2 ($fd) must be a stream that can be cast to a file descriptor (sockets, pipes, STDIN/STDOUT), "plainfile" stream of type "dir" given
  ValueError: EventUtil::getSocketFd(): Argument #1 ($socket) must be a stream that can be cast to a file descriptor (sockets, pipes, STDIN/STDOUT), "plainfile" stream of type "dir" given
user stream:
  ValueError: Event::__construct(): Argument #2 ($fd) must be a stream that can be cast to a file descriptor (sockets, pipes, STDIN/STDOUT), "user-space" stream of type "user-space" given
  ValueError: EventUtil::getSocketFd(): Argument #1 ($socket) must be a stream that can be cast to a file descriptor (sockets, pipes, STDIN/STDOUT), "user-space" stream of type "user-space" given
