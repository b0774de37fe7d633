#!/usr/bin/env bash
# The TLS benchmark (issue 13): asyncstream's TLS servers against the C TLS reference
# (bench/c_tls_reference.c), alternating within each round, server pinned to CPU 0 and
# the load generator to CPU 1. Appends RESULT lines to RESULTS.
#
#   bench/tls_bench.sh RESULTS [ROUNDS=3] [SECONDS=5]
#
# Cells: echo 100 x 64 B and 100 x 16 KiB (bench/tls_loadgen.c), HTTPS keep-alive with
# wrk -c100 (wrk speaks TLS), handshakes/s with 100 in flight (full, then resumed
# sessions), and the RSS of 2000 idle TLS connections. Each asyncstream server runs twice:
# readiness TLS (tls_echo, tls_http) and TLS over io_uring (tls_echo_uring, tls_http_uring:
# -d asyncstream.io_uring=on), both as ratios to the same C reference; the echo and HTTPS
# cells are run once more under perf for syscalls per operation (SYSCALLS lines). Run from the repository root
# after the module is built (scripts/bench.sh --tls does both).
set -euo pipefail
results=$1; rounds=${2:-3}; secs=${3:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$repo/build/bench-tls
mkdir -p "$work"
php="php -n -d extension=$repo/modules/asyncstream.so"
# TLS over io_uring: the same servers with the ring (ciphertext through it); off where the kernel forbids it.
php_uring="$php -d asyncstream.io_uring=on"
ossl=$(pkg-config --cflags --libs libevent_core openssl)
cc -O2 -o "$work/c_tls_echo" "$repo/bench/c_tls_reference.c" $ossl
cc -O2 -DHTTP -o "$work/c_tls_http" "$repo/bench/c_tls_reference.c" $ossl
cc -O2 -o "$work/tls_loadgen" "$repo/bench/tls_loadgen.c" $(pkg-config --cflags --libs openssl)
cert=$work/server.pem
php -n -r '
$cnf = sys_get_temp_dir() . "/astlsbench-" . getmypid() . ".cnf";
file_put_contents($cnf, "[req]\ndistinguished_name=dn\ndefault_bits=2048\n[dn]\n[ext]\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n");
$k = openssl_pkey_new(["private_key_type" => OPENSSL_KEYTYPE_EC, "curve_name" => "prime256v1", "config" => $cnf]);
$csr = openssl_csr_new(["commonName" => "localhost"], $k, ["digest_alg" => "sha256", "config" => $cnf]);
$c = openssl_csr_sign($csr, null, $k, 30, ["digest_alg" => "sha256", "config" => $cnf, "x509_extensions" => "ext"]);
openssl_x509_export($c, $pem); openssl_pkey_export($k, $key, null, ["config" => $cnf]);
file_put_contents($argv[1], $pem . $key); unlink($cnf);' "$cert"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p; while :; do p=$((20000 + RANDOM % 10000)); port_open "$p" || { echo "$p"; return; }; done; }
cpu_ns() { awk '{print $1}' "/proc/$1/schedstat" 2>/dev/null || echo 0; }   # exact CPU time, ns

SRV=; PORT=
trap '[ -n "$SRV" ] && kill -TERM "$SRV" 2>/dev/null || true' EXIT  # (with set -e a failing kill in the trap made the script exit 1)
start() {   # start LABEL-COMMAND: sets SRV, PORT
	PORT=$(free_port)
	taskset -c 0 $1 "$cert" "$PORT" >"$work/server.log" 2>&1 &
	SRV=$!
	for _ in $(seq 1 100); do port_open "$PORT" && return 0; sleep 0.1; done
	echo "tls_bench: server did not start: $1" >&2; cat "$work/server.log" >&2; return 1
}
stop() { kill -TERM "$SRV" 2>/dev/null || true; for _ in $(seq 1 50); do kill -0 "$SRV" 2>/dev/null || break; sleep 0.1; done; kill -KILL "$SRV" 2>/dev/null || true; wait "$SRV" 2>/dev/null || true; }

# cell NAME LOADGEN-ARGS... ; runs every server of the cell's kind once per round, alternating.
run_cell() {
	local kind=$1; shift
	local servers
	if [ "$kind" = http ]; then servers=("tls-ref-http:$work/c_tls_http" "tls_http:$php $repo/bench/tls_http.php" "tls_http_uring:$php_uring $repo/bench/tls_http.php")
	else servers=("tls-ref:$work/c_tls_echo" "tls_echo:$php $repo/bench/tls_echo.php" "tls_echo_uring:$php_uring $repo/bench/tls_echo.php"); fi
	for r in $(seq 1 "$rounds"); do
		# The order rotates with the round, so no server always runs first (or last).
		local order=(0 1 2); [ $((r % 3)) = 2 ] && order=(1 2 0); [ $((r % 3)) = 0 ] && order=(2 0 1)
		for i in "${order[@]}"; do
			local label=${servers[i]%%:*} cmd=${servers[i]#*:} line
			start "$cmd" || continue
			if [ "$kind" = http ]; then
				local t0 t1 w0 w1 out
				t0=$(cpu_ns "$SRV"); w0=$(date +%s.%N)
				out=$(timeout -k 5 $((secs + 30)) taskset -c 1 wrk -t1 -c100 -d"${secs}s" "https://127.0.0.1:$PORT/" 2>&1 || true)
				t1=$(cpu_ns "$SRV"); w1=$(date +%s.%N)
				line=$(awk -v t="$((t1 - t0))" -v w0="$w0" -v w1="$w1" '
					/^Requests\/sec/ { rps = $2 } / requests in / { ops = $1 }
					/Socket errors/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 } /Non-2xx/ { err += $NF }
					END { printf "RESULT mode=tls-https conns=100 ops=%d rps=%.1f errors=%d srv_cpu=%.2f", ops, rps, err, 100 * t / 1e9 / (w1 - w0) }' <<<"$out")
			else
				line=$(timeout -k 5 $((secs + 60)) taskset -c 1 "$work/tls_loadgen" "$@" --port "$PORT" --seconds "$secs" --pid "$SRV" | grep '^RESULT ' || echo "RESULT mode=$kind failed=run")
			fi
			stop
			echo "RESULT server=$label round=$r ${line#RESULT }" | tee -a "$results"
		done
	done
}

# Syscalls per operation (the kernel's raw_syscalls tracepoint, perf stat -p) and server CPU
# per operation (task-clock) of each server under the echo/HTTPS load, counted for SECONDS-2
# seconds after a second of warm-up: SYSCALLS lines, the table of bench/ratios.php --syscalls.
syscall_cell() {
	local kind=$1; shift
	local servers
	if [ "$kind" = http ]; then servers=("tls-ref-http:$work/c_tls_http" "tls_http:$php $repo/bench/tls_http.php" "tls_http_uring:$php_uring $repo/bench/tls_http.php")
	else servers=("tls-ref:$work/c_tls_echo" "tls_echo:$php $repo/bench/tls_echo.php" "tls_echo_uring:$php_uring $repo/bench/tls_echo.php"); fi
	local count=$((secs > 3 ? secs - 2 : 1))
	for r in $(seq 1 "$rounds"); do
		for s in "${servers[@]}"; do
			local label=${s%%:*} cmd=${s#*:} load perf_out rps conns=100 size=0
			start "$cmd" || continue
			load=$(mktemp); perf_out=$(mktemp)
			if [ "$kind" = http ]; then
				timeout -k 5 $((secs + 30)) taskset -c 1 wrk -t1 -c100 -d"${secs}s" "https://127.0.0.1:$PORT/" >"$load" 2>&1 &
			else
				size=$(sed -n 's/.*--size \([0-9]*\).*/\1/p' <<<"$*")
				timeout -k 5 $((secs + 60)) taskset -c 1 "$work/tls_loadgen" "$@" --port "$PORT" --seconds "$secs" --warmup 0 >"$load" 2>&1 &
			fi
			local lp=$!
			sleep 1
			timeout -k 5 $((count + 10)) perf stat -x, -e task-clock,raw_syscalls:sys_enter,syscalls:sys_enter_io_uring_enter,syscalls:sys_enter_epoll_wait \
				-p "$SRV" -- sleep "$count" 2>"$perf_out" >/dev/null || true
			wait "$lp" || true
			stop
			if [ "$kind" = http ]; then rps=$(sed -n 's/^Requests\/sec: *//p' "$load"); else rps=$(grep -o ' rps=[0-9.]*' "$load" | head -1 | cut -d= -f2); fi
			if [ -n "$rps" ]; then
				awk -F, -v label="$label" -v kind="$kind" -v conns="$conns" -v size="${size:-0}" -v rps="$rps" -v secs="$count" -v round="$r" '
					{ n[$3] = $1 }
					END {
						ops = rps * secs
						printf "SYSCALLS server=%s round=%s mode=%s conns=%s size=%s rps=%.1f syscalls_per_op=%.3f io_uring_enter=%.3f epoll_wait=%.3f rw=0 cpu_us_per_op=%.3f\n",
							label, round, (kind == "http" ? "http" : "echo"), conns, size, rps, n["raw_syscalls:sys_enter"] / ops,
							n["syscalls:sys_enter_io_uring_enter"] / ops, n["syscalls:sys_enter_epoll_wait"] / ops, n["task-clock"] * 1000 / ops
					}' "$perf_out" | tee -a "$results"
			else
				echo "tls_bench: $label: no rate: $(tail -3 "$load")" >&2
			fi
			rm -f "$load" "$perf_out"
		done
	done
}

run_cell echo echo --conns 100 --size 64
run_cell echo echo --conns 100 --size 16384
run_cell http
syscall_cell echo echo --conns 100 --size 64
syscall_cell echo echo --conns 100 --size 16384
syscall_cell http
run_cell echo handshake --conns 100
run_cell echo handshake --conns 100 --resume
# Idle RSS: 2000 TLS connections, each handshaken and echoed once, at most 10 handshakes in flight.
for s in "tls-ref:$work/c_tls_echo" "tls_echo:$php $repo/bench/tls_echo.php" "tls_echo_uring:$php_uring $repo/bench/tls_echo.php"; do
	start "${s#*:}" || continue
	line=$(timeout -k 5 180 taskset -c 1 "$work/tls_loadgen" idle --conns 2000 --port "$PORT" --pid "$SRV" | grep '^RESULT ')
	stop
	echo "RESULT server=${s%%:*} round=1 ${line#RESULT }" | tee -a "$results"
done
