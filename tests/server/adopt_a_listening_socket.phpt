--TEST--
AsyncStreamServer: adopts an already-listening socket given as a stream resource, a Socket or an int fd (systemd socket activation passes fd 3), duplicates it so the original may be closed, leaves an adopted unix socket file alone, and refuses anything that is not a listening stream socket
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../util/helpers.php';

/* Serves one connection on an adopted socket and returns what the client got. */
function serve_one(EventBase $base, AsyncStreamServer $server, string $addr): string
{
    $got = '';
    AsyncStream::connect($base, $addr)
        ->onData(function ($c, $d) use (&$got) { $got .= $d; })
        ->onClose(fn () => $base->stop());
    $w = Event::timer($base, function () use ($base) { echo "WATCHDOG\n"; $base->stop(); });
    $w->add(10);
    $base->loop();
    return $got;
}
$hello = fn (AsyncStream $c, AsyncStreamServer $s) => $c->end("hello from " . $s->getAddress());

$base = new EventBase();

// A stream resource; the original is closed at once: the server has its own descriptor.
$res = stream_socket_server("tcp://127.0.0.1:0");
$name = stream_socket_get_name($res, false);
$server = new AsyncStreamServer($base, $res, $hello, ['max_connections' => 5, 'nodelay' => true]);
fclose($res);
echo $server->getAddress() === "tcp://$name" ? "address read from the socket\n" : $server->getAddress() . "\n";
echo serve_one($base, $server, $server->getAddress()) === "hello from tcp://$name" ? "resource: served\n" : "resource: FAILED\n";
$server->close();

// A Socket (ext/sockets).
if (extension_loaded('sockets')) {
    $sock = socket_create_listen(0);
    socket_getsockname($sock, $a, $port);
    $server = new AsyncStreamServer($base, $sock, $hello);
    socket_close($sock);
    echo serve_one($base, $server, "127.0.0.1:$port") === "hello from tcp://0.0.0.0:$port" ? "Socket: served\n" : "Socket: FAILED\n";
    $server->close();
} else {
    echo "Socket: served\n";
}

// An int fd; a unix socket whose file the adopted server never removes.
$path = sys_get_temp_dir() . "/as-adopt-" . getmypid() . ".sock";
@unlink($path);
$ures = stream_socket_server("unix://$path");
$server = new AsyncStreamServer($base, EventUtil::getSocketFd($ures), $hello);
echo serve_one($base, $server, "unix://$path") === "hello from unix://$path" ? "int fd: served\n" : "int fd: FAILED\n";
$server->close();
var_dump(file_exists($path));   // not ours: left in place
fclose($ures);
@unlink($path);

// systemd socket activation: the listening socket arrives as fd 3 of a new process.
$res = stream_socket_server("tcp://127.0.0.1:0");
$name = stream_socket_get_name($res, false);
$code = '$b = new EventBase(); $s = new AsyncStreamServer($b, 3, function ($c, $s) { $c->end("activated"); $s->close(); });'
    . ' echo $s->getAddress(), "\n"; $b->loop();';
$p = proc_open(array_merge(as_php_cmd(), ['-r', $code]), [1 => ['pipe', 'w'], 3 => $res], $pipes);
fclose($res);
echo as_read_line($pipes[1]) === "tcp://$name" ? "fd 3: listening\n" : "fd 3: wrong address\n";
$c = stream_socket_client("tcp://$name", $errno, $errstr, 10);
stream_set_timeout($c, 10);
echo "fd 3: got ", stream_get_contents($c), "\n";
fclose($c);
echo as_read_rest($pipes[1]);
var_dump(proc_close($p));

// Refused: not listening, not a stream socket, not a socket, wrong types, listening-only options.
$listening = stream_socket_server("tcp://127.0.0.1:0");
$connected = stream_socket_client("tcp://" . stream_socket_get_name($listening, false));
$udp = stream_socket_server("udp://127.0.0.1:0", $errno, $errstr, STREAM_SERVER_BIND);
[$pr, $pw] = [popen('true', 'r'), null];
$closed = stream_socket_server("tcp://127.0.0.1:0");
fclose($closed);
$cases = [
    'a connected socket' => [$connected, []],
    'a UDP socket' => [$udp, []],
    'a pipe' => [$pr, []],
    'a closed resource' => [$closed, []],
    'a float' => [3.0, []],
    'an object' => [new stdClass(), []],
    'null' => [null, []],
    'backlog with an adopted socket' => [$listening, ['backlog' => 10]],
    'reuseport with an adopted socket' => [$listening, ['reuseport' => true]],
];
foreach ($cases as $label => [$what, $opts]) {
    try {
        new AsyncStreamServer($base, $what, fn () => null, $opts);
        echo "$label: accepted\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ": ", preg_replace('/fd \d+/', 'fd N', $e->getMessage()), "\n";
    }
}
pclose($pr);
?>
--EXPECT--
address read from the socket
resource: served
Socket: served
int fd: served
bool(true)
fd 3: listening
fd 3: got activated
int(0)
a connected socket: ValueError: AsyncStreamServer::__construct(): Argument #2 ($address) must be a listening socket (listen() was not called on it)
a UDP socket: ValueError: AsyncStreamServer::__construct(): Argument #2 ($address) must be a listening stream socket (SOCK_STREAM), not a datagram or raw socket
a pipe: ValueError: AsyncStreamServer::__construct(): Argument #2 ($address) must be a listening stream socket, fd N is not a socket (Socket operation on non-socket)
a closed resource: TypeError: AsyncStreamServer::__construct(): Argument #2 ($address) must be an open stream resource, closed resource given
a float: TypeError: AsyncStreamServer::__construct(): Argument #2 ($address) must be of type string|resource|Socket|int, float given
an object: TypeError: AsyncStreamServer::__construct(): Argument #2 ($address) must be of type string|resource|Socket|int, stdClass given
null: TypeError: AsyncStreamServer::__construct(): Argument #2 ($address) must be of type string|resource|Socket|int, null given
backlog with an adopted socket: ValueError: AsyncStreamServer::__construct(): Argument #4 ($options) option "backlog" applies only to a socket the server creates, not to an adopted listening socket
reuseport with an adopted socket: ValueError: AsyncStreamServer::__construct(): Argument #4 ($options) option "reuseport" applies only to a socket the server creates, not to an adopted listening socket
