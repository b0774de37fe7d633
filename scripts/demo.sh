#!/usr/bin/env bash
# Builds asyncstream and runs the demo on loopback: an AsyncStreamServer echo server
# (examples/echo_server.php) and an AsyncStream load client (examples/load_client.php),
# each a PHP process on the extension, printing what happened and the round trips/s.
#   scripts/demo.sh [conns] [size] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
as_need_packages "${AS_BUILD_PACKAGES[@]}"
as_build

conns=${1:-50}; size=${2:-64}; seconds=${3:-3}
php=(php -n -d "extension=$PWD/modules/asyncstream.so")
echo "== asyncstream $("${php[@]}" -r 'echo phpversion("asyncstream");') on PHP $(php -n -r 'echo PHP_VERSION;'), libevent backend: $("${php[@]}" -r 'echo (new EventBase)->getMethod();')"

out=$(mktemp)
trap 'kill "$server_pid" 2>/dev/null || true; rm -f "$out"' EXIT
"${php[@]}" examples/echo_server.php tcp://127.0.0.1:0 >"$out" 2>&1 &
server_pid=$!
# Wait (bounded) for the server to print its address.
for _ in $(seq 1 100); do
	grep -q '^listening on' "$out" && break
	kill -0 "$server_pid" 2>/dev/null || { cat "$out"; echo "demo: server exited early" >&2; exit 1; }
	sleep 0.1
done
addr=$(sed -n 's/^listening on //p' "$out")
[ -n "$addr" ] || { cat "$out"; echo "demo: server did not start" >&2; exit 1; }
echo "server (pid $server_pid, examples/echo_server.php): listening on $addr"
echo "client (examples/load_client.php): $conns connections, $size-byte messages, ${seconds} s"

status=0
"${php[@]}" examples/load_client.php "$addr" "$conns" "$size" "$seconds" || status=$?
kill -TERM "$server_pid"
wait "$server_pid" || true
grep -v '^listening on' "$out" || true
trap - EXIT
rm -f "$out"
exit $status
