#!/usr/bin/env bash
# Soak test: an AsyncStreamServer echo server (bench/soak_server.php) under N concurrent
# connections (bench/soak_client.c) sending checksummed messages of random length for a
# bounded time. Every echoed byte is verified; the server's RSS when the traffic stops
# must be within 10% of its RSS after warm-up.
#
#   scripts/soak.sh [-c CONNECTIONS] [-d SECONDS] [-w WARMUP_SECONDS] [-m MAX_MESSAGE_BYTES]
#
# Defaults: 10000 connections, 60 s, warm-up 1/3 of the duration, messages up to 16 KiB.
# CI runs `scripts/soak.sh -c 1000 -d 10`. Exits non-zero on any lost or corrupt byte,
# a server error, or RSS growth over 10%.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

conns=10000; secs=60; warm=""; maxmsg=16384
while getopts "c:d:w:m:h" o; do
	case $o in
		c) conns=$OPTARG ;; d) secs=$OPTARG ;; w) warm=$OPTARG ;; m) maxmsg=$OPTARG ;;
		*) sed -n '2,11p' "$0"; exit 2 ;;
	esac
done
[ -n "$warm" ] || warm=$(( secs / 3 > 0 ? secs / 3 : 1 ))

as_need_packages "${AS_BUILD_PACKAGES[@]}"
as_build
mkdir -p bench/build
if [ ! -x bench/build/soak_client ] || [ bench/soak_client.c -nt bench/build/soak_client ]; then
	${CC:-cc} -O2 -Wall -o bench/build/soak_client bench/soak_client.c
fi

# One fd per connection on each side, plus a margin.
need=$(( conns + 256 ))
[ "$(ulimit -n)" -ge "$need" ] || ulimit -n "$need" || { echo "cannot raise ulimit -n to $need" >&2; exit 1; }

ext_dir=$(php-config --extension-dir)
out=$(mktemp -d)
trap 'kill "$spid" 2>/dev/null || true; rm -rf "$out"' EXIT
php -n -d "extension_dir=$ext_dir" -d extension=sockets -d extension=posix \
	-d "extension=$PWD/modules/asyncstream.so" -d memory_limit=-1 \
	bench/soak_server.php > "$out/server.out" 2> "$out/server.err" &
spid=$!
for _ in $(seq 1 300); do
	[ -s "$out/server.out" ] && break
	kill -0 "$spid" 2>/dev/null || { cat "$out/server.err" >&2; exit 1; }
	sleep 0.1 # waiting for a process to start, not synchronising a test
done
read -r pid addr < "$out/server.out"
hostport=${addr#tcp://}
host=${hostport%:*}; port=${hostport##*:}

echo "soak: $conns connections, $secs s (warm-up $warm s), messages 1..$maxmsg bytes, server pid $pid on $addr"
set +e
bench/build/soak_client "$host" "$port" "$conns" "$secs" "$warm" "$pid" "$maxmsg" | tee "$out/client.out"
crc=${PIPESTATUS[0]}
set -e
kill -TERM "$spid"
wait "$spid"; src=$?
cat "$out/server.err" >&2

val() { sed -n "s/^$1 //p" "$out/client.out"; }
rw=$(val rss_warm_kb); re=$(val rss_end_kb)
status=0
[ "$crc" -eq 0 ] || { echo "soak: FAIL: the client saw lost or corrupt bytes ($(val errors) errors)"; status=1; }
[ "$src" -eq 0 ] || { echo "soak: FAIL: the server reported errors (exit $src)"; status=1; }
if [ -n "$rw" ] && [ -n "$re" ] && [ "$rw" -gt 0 ]; then
	growth=$(( (re - rw) * 1000 / rw ))
	echo "soak: server RSS ${rw} KiB after warm-up, ${re} KiB at the end ($(( growth / 10 )).$(( (growth < 0 ? -growth : growth) % 10 ))%)"
	[ "$re" -le $(( rw + rw / 10 )) ] || { echo "soak: FAIL: server RSS grew by more than 10%"; status=1; }
else
	echo "soak: FAIL: no RSS figures"; status=1
fi
[ $status -eq 0 ] && echo "soak: OK: $(val messages) messages, $(val bytes_verified) bytes verified, $(val messages_per_second) messages/s"
exit $status
