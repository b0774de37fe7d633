<?php
/*
 * An echo server on the ext-event compatible API (EventBase + Event), as ReactPHP,
 * Revolt and Workerman drive it.
 *
 *   php -d extension=asyncstream examples/event_echo_server.php [port]
 *
 * Prints "listening on tcp://127.0.0.1:PORT" (port 0 picks a free one), echoes every
 * byte back, and exits on SIGTERM/SIGINT printing how many connections and bytes it saw.
 */
$port = (int)($argv[1] ?? 0);
$server = stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr);
if (!$server) {
    fwrite(STDERR, "cannot listen on 127.0.0.1:$port: $errstr\n");
    exit(1);
}
stream_set_blocking($server, false);
$name = stream_socket_get_name($server, false);
echo "listening on tcp://$name\n";

$base = new EventBase();
$conns = [];
$stats = ['connections' => 0, 'bytes' => 0];

$onReadable = function ($conn, int $what) use (&$conns, &$stats) {
    $id = (int)$conn;
    $data = fread($conn, 65536);
    if ($data === '' || $data === false) {
        if (feof($conn) || $data === false) {
            $conns[$id]->free();
            unset($conns[$id]);
            fclose($conn);
        }
        return;
    }
    $stats['bytes'] += strlen($data);
    // Echo; a slow peer would need a WRITE event for the rest (the client here is not slow).
    for ($off = 0, $len = strlen($data); $off < $len; ) {
        $n = @fwrite($conn, substr($data, $off));
        if ($n === false) {
            break;
        }
        $off += $n;
    }
};

$accept = new Event($base, $server, Event::READ | Event::PERSIST, function ($server) use ($base, &$conns, &$stats, $onReadable) {
    while ($conn = @stream_socket_accept($server, 0)) {
        stream_set_blocking($conn, false);
        stream_set_read_buffer($conn, 0);
        $ev = new Event($base, $conn, Event::READ | Event::PERSIST, $onReadable);
        $ev->add();
        $conns[(int)$conn] = $ev;
        $stats['connections']++;
    }
});
$accept->add();

foreach ([SIGTERM, SIGINT] as $sig) {
    $s = Event::signal($base, $sig, function (int $signum) use ($base) {
        $base->stop();
    });
    $s->add();
    $signals[] = $s;
}

$base->loop();
echo "server: {$stats['connections']} connections, {$stats['bytes']} bytes echoed\n";
