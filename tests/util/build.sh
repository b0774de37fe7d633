#!/usr/bin/env bash
# Builds the native helpers the tests use, into tests/util/build/ (only when a source changed):
#   fake_event_named_event.so, fake_event_other_name.so  stand-ins for the PECL event module
#                                                         (tests/compat/conflict_*.phpt)
#   faultinject.so  LD_PRELOAD library that makes chosen accept()/accept4() calls fail
#                   (see faultinject.c; tests/server/accept_*.phpt)
#   no_io_uring     runs a command with io_uring forbidden by seccomp (tests/uring: auto falls back, on throws)
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p build
cc=${CC:-cc}

stale() { # stale OUT SRC...: OUT missing or older than a source
	local out=$1; shift
	[ -f "$out" ] || return 0
	for src in "$@"; do [ "$src" -nt "$out" ] && return 0; done
	return 1
}

if stale build/faultinject.so faultinject.c; then
	$cc -O2 -g -Wall -shared -fPIC -o build/faultinject.so faultinject.c -ldl
fi

if stale build/no_io_uring no_io_uring.c; then
	$cc -O2 -g -Wall -o build/no_io_uring no_io_uring.c
fi

if command -v php-config >/dev/null; then
	incs=$(php-config --includes)
	if stale build/fake_event_named_event.so fake_event.c; then
		$cc -O2 -Wall -shared -fPIC $incs -DCOMPILE_DL_FAKE_EVENT -DFAKE_EVENT_NAME='"event"' \
			-o build/fake_event_named_event.so fake_event.c
	fi
	if stale build/fake_event_other_name.so fake_event.c; then
		$cc -O2 -Wall -shared -fPIC $incs -DCOMPILE_DL_FAKE_EVENT -DFAKE_EVENT_NAME='"not_event"' \
			-o build/fake_event_other_name.so fake_event.c
	fi
fi
