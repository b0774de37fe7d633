#!/usr/bin/env bash
# Syscalls per operation of one server under load, counted by the kernel's tracepoints
# (perf stat -e raw_syscalls:sys_enter -p PID), which, unlike strace, does not slow the
# server down and so does not change how many operations one loop iteration batches.
#
#   bench/syscalls.sh BENCH_DIR LABEL "COMMAND" echo|http CONNS SIZE SECONDS
#
# BENCH_DIR is a copy of the shared harness with loadgen built. The server is started as
# `COMMAND PORT` in BENCH_DIR on CPU ${SERVER_CPU:-0}, the load (loadgen or wrk) runs on
# CPU ${CLIENT_CPU:-1}; after one second of warm-up the server's syscalls are counted for
# SECONDS-1 seconds. Prints one line:
#   SYSCALLS server=LABEL mode=echo conns=100 size=64 rps=... syscalls_per_op=... io_uring_enter=... epoll_wait=... rw=... cpu_us_per_op=...
# (the last three per operation: io_uring_enter, epoll_wait/epoll_pwait, and
# read/write/recvfrom/sendto/sendmsg/readv/writev together), and the server's CPU time per
# operation from perf's task-clock (nanosecond resolution, unlike /proc's percentages).
# ROUND=label adds round=label to the line (bench.sh alternates servers over rounds).
set -euo pipefail
dir=$1 label=$2 cmd=$3 mode=$4 conns=$5 size=$6 secs=$7
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=
for _ in $(seq 1 50); do
	p=$((20000 + RANDOM % 10000))
	port_open "$p" || { port=$p; break; }
done
[ -n "$port" ] || { echo "syscalls.sh: no free port" >&2; exit 1; }

log=$(mktemp)
(cd "$dir" && exec taskset -c "$SERVER_CPU" sh -c "exec $cmd $port") >"$log" 2>&1 &
pid=$!
stop() {
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	rm -f "$log"
}
trap stop EXIT
for _ in $(seq 1 100); do
	kill -0 "$pid" 2>/dev/null || { echo "syscalls.sh: $label exited: $(cat "$log")" >&2; exit 1; }
	port_open "$port" && break
	sleep 0.1
done

events=task-clock,raw_syscalls:sys_enter,syscalls:sys_enter_io_uring_enter,syscalls:sys_enter_epoll_wait
events=$events,syscalls:sys_enter_read,syscalls:sys_enter_write,syscalls:sys_enter_recvfrom
events=$events,syscalls:sys_enter_sendto,syscalls:sys_enter_sendmsg,syscalls:sys_enter_readv
events=$events,syscalls:sys_enter_writev
count=$((secs - 1))
perf_out=$(mktemp)
if [ "$mode" = http ]; then
	timeout -k 5 $((secs + 30)) taskset -c "$CLIENT_CPU" wrk -t1 -c"$conns" -d"${secs}s" http://127.0.0.1:$port/ >"$perf_out.load" 2>&1 &
else
	timeout -k 5 $((secs + 30)) taskset -c "$CLIENT_CPU" "$dir/loadgen" echo --port "$port" --conns "$conns" \
		--size "$size" --seconds "$secs" --warmup 0 >"$perf_out.load" 2>&1 &
fi
load=$!
sleep 1
timeout -k 5 $((count + 10)) perf stat -x, -e "$events" -p "$pid" -- sleep "$count" 2>"$perf_out" >/dev/null || true
wait "$load" || true

# Operations during the counted window, from the load generator's own rate.
if [ "$mode" = http ]; then
	rps=$(sed -n 's/^Requests\/sec: *//p' "$perf_out.load")
else
	rps=$(grep -o 'rps=[0-9.]*' "$perf_out.load" | head -1 | cut -d= -f2)
fi
[ -n "$rps" ] || { echo "syscalls.sh: $label: no rate: $(cat "$perf_out.load")" >&2; rm -f "$perf_out" "$perf_out.load"; exit 1; }
awk -F, -v label="$label" -v mode="$mode" -v conns="$conns" -v size="$size" -v rps="$rps" -v secs="$count" -v round="${ROUND:-1}" '
	{ n[$3] = $1 }
	END {
		ops = rps * secs
		rw = n["syscalls:sys_enter_read"] + n["syscalls:sys_enter_write"] + n["syscalls:sys_enter_recvfrom"] \
			+ n["syscalls:sys_enter_sendto"] + n["syscalls:sys_enter_sendmsg"] + n["syscalls:sys_enter_readv"] \
			+ n["syscalls:sys_enter_writev"]
		printf "SYSCALLS server=%s round=%s mode=%s conns=%s size=%s rps=%.1f syscalls_per_op=%.3f io_uring_enter=%.3f epoll_wait=%.3f rw=%.3f cpu_us_per_op=%.3f\n",
			label, round, mode, conns, size, rps, n["raw_syscalls:sys_enter"] / ops,
			n["syscalls:sys_enter_io_uring_enter"] / ops, n["syscalls:sys_enter_epoll_wait"] / ops, rw / ops,
			n["task-clock"] * 1000 / ops
	}' "$perf_out"
rm -f "$perf_out" "$perf_out.load"
