<?php
/*
 * The clients of bench/chat_fanout.php (plain PHP sockets, no extension needed):
 *
 *   php bench/chat_client.php ADDRESS CLIENTS LINES_PER_CLIENT
 *
 * Opens CLIENTS connections, then each sends LINES_PER_CLIENT lines at once and all read
 * until every client has received CLIENTS * LINES_PER_CLIENT lines (or 120 s passed).
 * Prints "delivered N lines in T s".
 */
declare(strict_types=1);

[, $addr, $n, $per] = $argv + [null, null, 200, 50];
$n = (int)$n;
$per = (int)$per;
$socks = [];
for ($i = 0; $i < $n; $i++) {
    $s = stream_socket_client($addr, $errno, $errstr, 30);
    if (!$s) {
        fwrite(STDERR, "connect $i: $errstr\n");
        exit(1);
    }
    stream_set_blocking($s, false);
    $socks[$i] = $s;
}
$expect = $n * $per;
$got = array_fill(0, $n, 0);
$out = [];
foreach ($socks as $i => $s) {
    $buf = '';
    for ($l = 0; $l < $per; $l++) {
        $buf .= sprintf("client %03d line %04d %s\n", $i, $l, str_repeat('.', 16));
    }
    $out[$i] = $buf;
}
$t0 = microtime(true);
$delivered = 0;
$done = 0;
while ($done < $n && microtime(true) - $t0 < 120) {
    $r = $socks;
    $w = [];
    foreach ($out as $i => $b) {
        if ($b !== '') {
            $w[$i] = $socks[$i];
        }
    }
    $e = null;
    if (stream_select($r, $w, $e, 1) === false) {
        break;
    }
    foreach ($w as $i => $s) {
        $k = fwrite($s, $out[$i]);
        if ($k > 0) {
            $out[$i] = substr($out[$i], $k);
        }
    }
    foreach ($r as $i => $s) {
        $d = fread($s, 65536);
        if ($d === '' || $d === false) {
            if (feof($s)) {
                $done++;
                unset($socks[$i]);
            }
            continue;
        }
        $c = substr_count($d, "\n");
        $before = $got[$i];
        $got[$i] += $c;
        $delivered += $c;
        if ($before < $expect && $got[$i] >= $expect) {
            $done++;
        }
    }
}
printf("delivered %d lines in %.2f s (%s)\n", $delivered, microtime(true) - $t0,
    $delivered === $n * $expect ? "all" : "INCOMPLETE, expected " . ($n * $expect));
foreach ($socks as $s) {
    fclose($s);
}
