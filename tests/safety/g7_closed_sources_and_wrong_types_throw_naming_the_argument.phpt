--TEST--
G7: closed streams, closed Sockets, objects, arrays, floats and bad ints throw TypeError/ValueError naming $fd
--EXTENSIONS--
sockets
--FILE--
<?php
$base = new EventBase();
$closed = fopen("php://stdin", "r");
fclose($closed);
$sock = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_close($sock);
$ctx = stream_context_create();
$sources = [
    "closed stream" => $closed,
    "closed Socket" => $sock,
    "stream context" => $ctx,
    "stdClass" => new stdClass(),
    "array" => [1],
    "float" => 3.0,
    "string" => "3",
    "bool" => true,
    "negative int" => -5,
    "unopened int" => 1000000,
];
foreach ($sources as $what => $src) {
    try {
        new Event($base, $src, Event::READ, function () {});
        echo "$what: no exception\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
try {
    EventUtil::getSocketName($closed, $a);
} catch (Throwable $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
try {
    EventUtil::setSocketOption(new stdClass(), EventUtil::SOL_SOCKET, EventUtil::SO_KEEPALIVE, 1);
} catch (Throwable $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
?>
--EXPECT--
closed stream: TypeError: Event::__construct(): Argument #2 ($fd) must be an open stream resource, closed resource given
closed Socket: ValueError: Event::__construct(): Argument #2 ($fd) must be an open Socket, closed Socket given
stream context: TypeError: Event::__construct(): Argument #2 ($fd) must be a stream resource, resource of type stream-context given
stdClass: TypeError: Event::__construct(): Argument #2 ($fd) must be of type resource|Socket|int, stdClass given
array: TypeError: Event::__construct(): Argument #2 ($fd) must be of type resource|Socket|int, array given
float: TypeError: Event::__construct(): Argument #2 ($fd) must be of type resource|Socket|int, float given
string: TypeError: Event::__construct(): Argument #2 ($fd) must be of type resource|Socket|int, string given
bool: TypeError: Event::__construct(): Argument #2 ($fd) must be of type resource|Socket|int, bool given
negative int: ValueError: Event::__construct(): Argument #2 ($fd) must be a valid file descriptor (0 or more), -5 given
unopened int: ValueError: Event::__construct(): Argument #2 ($fd) must be an open file descriptor, 1000000 is not open
TypeError: EventUtil::getSocketName(): Argument #1 ($socket) must be an open stream resource, closed resource given
TypeError: EventUtil::setSocketOption(): Argument #1 ($socket) must be of type resource|Socket|int, stdClass given
