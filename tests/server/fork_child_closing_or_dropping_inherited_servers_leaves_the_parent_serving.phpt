--TEST--
AsyncStreamServer: whatever a forked child does with inherited servers (close() inside its loop, EventBase::free(), leaving them to the GC, exit() with them open) the parent keeps accepting on the same TCP and unix sockets, connections queued meanwhile included, and the socket file stays
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
$path = sys_get_temp_dir() . "/as-forkdrop-" . getmypid() . ".sock";
@unlink($path);

function serve(EventBase $base, string $addr, string $who): AsyncStreamServer
{
    return new AsyncStreamServer($base, $addr, fn (AsyncStream $c) => $c->end($who));
}

/* Connects to $addr with blocking PHP sockets and returns what the server sent before EOF. */
function fetch(string $addr): string
{
    $c = stream_socket_client($addr, $errno, $errstr, 5);
    if (!$c) return "connect failed: $errstr";
    stream_set_timeout($c, 5);
    $got = stream_get_contents($c);
    fclose($c);
    return $got;
}

$base = new EventBase();
$tcp = serve($base, "tcp://127.0.0.1:0", "parent");
$unix = serve($base, "unix://$path", "parent");
$tcpAddr = $tcp->getAddress();
$unixAddr = $unix->getAddress();

foreach (['close() inside its loop', 'EventBase::free()', 'dropped for the GC', 'exit() with them open'] as $i => $how) {
    // A client queued in the kernel before the child does anything: the parent must still get it.
    $early = stream_socket_client($tcpAddr, $errno, $errstr, 5);
    $pid = pcntl_fork();
    if ($pid === 0) {
        switch ($i) {
            case 0:
                // Paused first, so that this child does not take the queued client itself.
                $tcp->pause();
                $unix->pause();
                $t = Event::timer($base, function () use ($tcp, $unix) { $tcp->close(); $unix->close(); });
                $t->add(0);
                $base->loop();
                break;
            case 1:
                $base->free();
                break;
            case 2:
                $tcp = $unix = $base = null;
                gc_collect_cycles();
                break;
            case 3:
                exit(0);
        }
        exit(0);
    }
    pcntl_waitpid($pid, $status);
    // The parent accepts the early client and new ones, on both sockets.
    $got = [];
    $done = 0;
    $bufs = [];
    foreach ([$tcpAddr, $tcpAddr, $unixAddr] as $k => $a) {
        $bufs[$k] = '';
        AsyncStream::connect($base, $a)
            ->onData(function ($c, $d) use (&$bufs, $k) { $bufs[$k] .= $d; })
            ->onClose(function ($c, $e) use (&$bufs, &$got, &$done, $base, $k) {
                $got[] = $e ? 'error ' . $e->getMessage() : $bufs[$k];
                if (++$done === 3) $base->stop();
            });
    }
    $w = Event::timer($base, function () use ($base) { echo "WATCHDOG\n"; $base->stop(); });
    $w->add(10);
    $base->loop();
    $w->free();
    stream_set_timeout($early, 5);
    $got[] = stream_get_contents($early);
    fclose($early);
    printf("%-24s exit %d, file %s, parent got %s\n", $how, pcntl_wexitstatus($status),
        file_exists($path) ? 'kept' : 'GONE', implode(',', $got));
}
$tcp->close();
$unix->close();
var_dump(file_exists($path));
?>
--CLEAN--
<?php @unlink(sys_get_temp_dir() . "/as-forkdrop-" . getmypid() . ".sock"); ?>
--EXPECT--
close() inside its loop  exit 0, file kept, parent got parent,parent,parent,parent
EventBase::free()        exit 0, file kept, parent got parent,parent,parent,parent
dropped for the GC       exit 0, file kept, parent got parent,parent,parent,parent
exit() with them open    exit 0, file kept, parent got parent,parent,parent,parent
bool(false)
