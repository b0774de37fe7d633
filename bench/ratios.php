<?php
/*
 * Reads RESULT lines (../shared/bench/run.sh, bench/timers.php) and prints the goal table
 * of docs/benchmarks.md: for each cell, each server's "server µs/op" (srv_cpu / rps) as a
 * ratio to the floor's in the same round (runs alternate, so each round's pair ran side
 * by side), and the median over rounds.
 *
 *   php bench/ratios.php results.txt [floor-label] [floor-http-label] [ref2-label] [ref2-http-label]
 *
 * With a second reference (the io_uring C server), a second ratio column is printed.
 * SYSCALLS lines (bench/syscalls.sh) are ignored here; bench/ratios.php --syscalls FILE
 * prints their table instead.
 */
declare(strict_types=1);

if (($argv[1] ?? '') === '--syscalls') {
    // php bench/ratios.php --syscalls FILE [floor floor-http [ref ref-http]] (the TLS table: tls-ref tls-ref-http)
    syscalls_table(@file($argv[2] ?? '', FILE_IGNORE_NEW_LINES) ?: [], $argv[3] ?? 'floor', $argv[4] ?? 'floor-http',
        $argv[5] ?? 'uring-ref', $argv[6] ?? 'uring-ref-http');
    exit(0);
}
[$file, $floor, $floorHttp] = [$argv[1] ?? '', $argv[2] ?? 'floor', $argv[3] ?? 'floor-http'];
[$ref2, $ref2Http] = [$argv[4] ?? null, $argv[5] ?? null];
$lines = @file($file, FILE_IGNORE_NEW_LINES) ?: [];
$runs = [];   // cell => round => server => row
foreach ($lines as $line) {
    if (!str_starts_with($line, 'RESULT ') || str_contains($line, 'bench=timers')) {
        continue;
    }
    $row = [];
    foreach (explode(' ', substr($line, 7)) as $kv) {
        [$k, $v] = array_pad(explode('=', $kv, 2), 2, '');
        $row[$k] = $v;
    }
    // Single-scenario runs are all labelled by their mode: name the cell by its parameters.
    $mode = $row['mode'] ?? ($row['cell'] ?? '?');
    $cell = match ($mode) {
        'echo' => sprintf('echo %sc x %s B', $row['conns'] ?? '?', $row['size'] ?? '?'),
        'idle' => sprintf('idle %s+%sc', $row['idle'] ?? '?', $row['conns'] ?? '?'),
        default => sprintf('%s %sc', $mode, $row['conns'] ?? '?'),
    };
    if (($row['pipeline'] ?? '1') !== '1') {
        $cell .= ', pipeline ' . $row['pipeline'];
    }
    $runs[$cell][$row['round'] ?? '?'][$row['server'] ?? '?'] = $row;
}

function us_per_op(array $r): ?float
{
    $rps = (float)($r['rps'] ?? 0);
    return $rps > 0 ? (float)$r['srv_cpu'] * 1e4 / $rps : null; // srv_cpu is % of a core
}

function median(array $v): float
{
    sort($v);
    $n = count($v);
    return $n % 2 ? $v[intdiv($n, 2)] : ($v[$n / 2 - 1] + $v[$n / 2]) / 2;
}

/*
 * The bench/syscalls.sh table: per cell and server, medians over rounds of syscalls per
 * operation and of server CPU per operation (perf task-clock), and that CPU as a ratio to
 * the epoll floor and to the io_uring C reference of the same round.
 */
function syscalls_table(array $lines, string $floorName = 'floor', string $floorHttpName = 'floor-http',
    string $refName = 'uring-ref', string $refHttpName = 'uring-ref-http'): void
{
    $runs = [];   // cell => round => server => row
    foreach ($lines as $line) {
        if (!str_starts_with($line, 'SYSCALLS ')) {
            continue;
        }
        $r = [];
        foreach (explode(' ', substr($line, 9)) as $kv) {
            [$k, $v] = array_pad(explode('=', $kv, 2), 2, '');
            $r[$k] = $v;
        }
        $cell = $r['mode'] === 'http' ? "http {$r['conns']}c" : "echo {$r['conns']}c x {$r['size']} B";
        $runs[$cell][$r['round'] ?? '1'][$r['server']] = $r;
    }
    $vsFloor = $floorName === 'floor' ? 'vs epoll floor' : "vs $floorName";
    echo "| cell | server | rounds | syscalls / op | io_uring_enter / op | epoll_wait / op | read+write / op | server µs/op (task-clock) | $vsFloor | vs io_uring C | rps |\n";
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    foreach ($runs as $cell => $rounds) {
        $v = [];
        foreach ($rounds as $servers) {
            $floor = $servers[$floorName] ?? $servers[$floorHttpName] ?? null;
            $ref = $servers[$refName] ?? $servers[$refHttpName] ?? null;
            foreach ($servers as $name => $r) {
                foreach (['syscalls_per_op', 'io_uring_enter', 'epoll_wait', 'rw', 'cpu_us_per_op', 'rps'] as $k) {
                    $v[$name][$k][] = (float)($r[$k] ?? 0);
                }
                $cpu = (float)($r['cpu_us_per_op'] ?? 0);
                if ($floor && (float)($floor['cpu_us_per_op'] ?? 0) > 0) {
                    $v[$name]['vf'][] = $cpu / (float)$floor['cpu_us_per_op'];
                }
                if ($ref && (float)($ref['cpu_us_per_op'] ?? 0) > 0) {
                    $v[$name]['vr'][] = $cpu / (float)$ref['cpu_us_per_op'];
                }
            }
        }
        foreach ($v as $name => $m) {
            printf("| %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %s | %s |\n", $cell, $name, count($m['rps']),
                median($m['syscalls_per_op']), median($m['io_uring_enter']), median($m['epoll_wait']), median($m['rw']),
                median($m['cpu_us_per_op']), isset($m['vf']) ? sprintf('%.2f', median($m['vf'])) : 'n/a',
                isset($m['vr']) ? sprintf('%.2f', median($m['vr'])) : 'n/a', number_format(median($m['rps'])));
        }
    }
}

$two = $ref2 !== null;
echo "| cell | server | rounds | server µs/op (median) | ratio to floor (median) |" . ($two ? " ratio to io_uring C (median) |" : "") . " rps (median) | errors |\n";
echo "|---|---|---:|---:|---:|" . ($two ? "---:|" : "") . "---:|---:|\n";
foreach ($runs as $cell => $rounds) {
    $ratios = $ratios2 = $us = $rps = $errors = [];
    foreach ($rounds as $round => $servers) {
        $ref = $servers[$floor] ?? $servers[$floorHttp] ?? null;
        $refB = $two ? ($servers[$ref2] ?? $servers[$ref2Http] ?? null) : null;
        foreach ($servers as $name => $r) {
            $u = us_per_op($r);
            if ($u === null) {
                continue;
            }
            $us[$name][] = $u;
            $rps[$name][] = (float)$r['rps'];
            $errors[$name] = ($errors[$name] ?? 0) + (int)($r['errors'] ?? 0) + (int)($r['conn_fail'] ?? 0);
            if ($ref !== null && ($ru = us_per_op($ref))) {
                $ratios[$name][] = $u / $ru;
            }
            if ($refB !== null && ($ru = us_per_op($refB))) {
                $ratios2[$name][] = $u / $ru;
            }
        }
    }
    foreach ($us as $name => $v) {
        printf("| %s | %s | %d | %.2f | %s |%s %s | %d |\n", $cell, $name, count($v), median($v),
            isset($ratios[$name]) ? sprintf('%.2f', median($ratios[$name])) : 'n/a',
            $two ? ' ' . (isset($ratios2[$name]) ? sprintf('%.2f', median($ratios2[$name])) : 'n/a') . ' |' : '',
            number_format(median($rps[$name])), $errors[$name]);
    }
}
