<?php
/*
 * The 200-client chat fan-out of issue 11: how late a 1-second timer fires while the
 * server broadcasts, and how many syscalls the server makes per delivered line.
 *
 *   php -d extension=/abs/asyncstream.so bench/chat_fanout.php [clients] [lines_per_client] [--strace]
 *
 * Starts the server (this file with "server ADDRESS") as a child, then bench/chat_client.php
 * with CLIENTS connections that each send LINES_PER_CLIENT lines at once (a burst, as a
 * chat under load sees it) and read until every line has reached every client. The
 * server is the naive one a new user writes: every line goes to every client with
 * write(), ignoring its false. Prints the server's timer lateness (max and mean over the
 * ticks during the run), the lines delivered and, with --strace (strace -c -f around the
 * server), its syscalls per delivered line. Bounded: the client gives up after 120 s.
 */
declare(strict_types=1);

if (($argv[1] ?? '') === 'server') {
    run_server($argv[2]);
    exit(0);
}

$clients = (int)($argv[1] ?? 200);
$lines = (int)($argv[2] ?? 50);
$strace = in_array('--strace', $argv, true);
// The same module as this PHP loaded, without other ini.
$so = getenv('AS_MODULE') ?: realpath(__DIR__ . '/../modules/asyncstream.so');
$php = [PHP_BINARY, '-n', '-d', "extension=$so"];

$out = tempnam(sys_get_temp_dir(), 'aschat');
$cmd = array_merge($php, [__FILE__, 'server', 'tcp://127.0.0.1:0']);
if ($strace) {
    $cmd = array_merge(['strace', '-c', '-f', '-o', $out], $cmd);
}
$srv = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => STDERR], $sp);
$first = fgets($sp[1]);
if (!preg_match('/^listening on (\S+)/', (string)$first, $m)) {
    fwrite(STDERR, "server did not start: $first\n");
    exit(1);
}
$addr = $m[1];
$t0 = microtime(true);
$cli = proc_open(array_merge($php, [__DIR__ . '/chat_client.php', $addr, (string)$clients, (string)$lines]),
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => STDERR], $cp);
$clientOut = stream_get_contents($cp[1]);
proc_close($cli);
$elapsed = microtime(true) - $t0;
fclose($sp[0]);                                    // tells the server to print and exit
$serverOut = stream_get_contents($sp[1]);
proc_close($srv);

echo "clients: $clients, lines per client: $lines, wall time: ", sprintf('%.2f s', $elapsed), "\n";
echo trim($clientOut), "\n", trim($serverOut), "\n";
if ($strace) {
    $total = 0;
    $top = [];
    foreach (file($out) as $l) {
        if (preg_match('/^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$/', $l, $mm)) {
            $top[$mm[2]] = (int)$mm[1];
        }
        if (preg_match('/^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?total\s*$/', $l, $mm)) {
            $total = (int)$mm[1];
        }
    }
    unset($top['total']);
    arsort($top);
    preg_match('/delivered (\d+)/', $clientOut, $dm);
    $delivered = (int)($dm[1] ?? 0);
    echo "server syscalls: $total (", implode(', ', array_map(fn($k, $v) => "$k $v", array_keys(array_slice($top, 0, 6)), array_slice($top, 0, 6))), ")\n";
    printf("server syscalls per delivered line: %.4f\n", $delivered ? $total / $delivered : 0);
}
unlink($out);

function run_server(string $address): void
{
    $base = new EventBase();
    $clients = [];
    $ticks = [];
    $server = new AsyncStreamServer($base, $address, function (AsyncStream $c) use (&$clients) {
        $id = spl_object_id($c);
        $clients[$id] = $c;
        $c->setFraming(AsyncStream::FRAME_DELIMITER, "\n")
          ->onData(function (AsyncStream $c, string $line) use (&$clients) {
              $msg = "$line\n";
              foreach ($clients as $to) {
                  $to->write($msg);                // false ignored, as naive code does
              }
          })
          ->onClose(function (AsyncStream $c) use (&$clients, $id) { unset($clients[$id]); });
    }, ['backlog' => 1024]);
    echo "listening on ", $server->getAddress(), "\n";
    // A 1 s timer: how late does it fire?
    $next = microtime(true) + 1.0;
    $tick = new Event($base, -1, Event::TIMEOUT | Event::PERSIST, function () use (&$next, &$ticks) {
        $now = microtime(true);
        $ticks[] = $now - $next;
        $next = $now + 1.0;                        // libevent re-arms from now
    });
    $tick->add(1.0);
    // stdin closed: report and stop
    $ctl = new Event($base, STDIN, Event::READ | Event::PERSIST, function () use ($base) {
        if (fread(STDIN, 1) === '' ) {
            $base->stop();
        }
    });
    $ctl->add();
    $base->loop();
    $max = $ticks ? max($ticks) : 0.0;
    $mean = $ticks ? array_sum($ticks) / count($ticks) : 0.0;
    printf("timer: %d ticks, lateness max %.1f ms, mean %.1f ms\n", count($ticks), $max * 1000, $mean * 1000);
}
