#!/usr/bin/env bash
# ZTS (thread-safe PHP) check, for when no ZTS PHP is at hand:
#
# 1. builds the module as for a ZTS PHP: the normal phpize/configure/make (its own copy in
#    build/zts) with -DZTS -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -Wall -Werror, so any error
#    or warning fails. Under ZTS the engine headers turn EG()/CG()/module globals into
#    TSRM lookups through the per-file _tsrm_ls_cache, so this catches a missing
#    ZEND_TSRMLS_CACHE_EXTERN, a duplicate ZEND_TSRMLS_CACHE_DEFINE (in one file: compile
#    error; in two: the link fails), and globals used without the globals macro.
# 2. lists every writable variable with static storage in the objects (objdump: .data,
#    .bss and their TLS forms, function-local statics included) and fails on any not in
#    the allowlist below: threads share those, so per-request state must live in the
#    module globals instead. What the compiler cannot see (a thread-safety bug in code
#    that only reads globals) is not checked; a ZTS PHP is still needed to run the suite.
#
#   scripts/zts-check.sh          ends "zts-check: ok (N files, M allowed statics)"
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

# Writable statics that are fine under ZTS: set once per process, before any thread runs
# a request (MINIT), or process-wide by nature. name (function-local statics without
# gcc's ".N" suffix) and why.
allowed=(
	"php_asyncstream_base_ce php_asyncstream_event_ce php_asyncstream_config_ce
	 php_asyncstream_util_ce php_asyncstream_exception_ce php_asyncstream_stream_ce
	 php_asyncstream_stream_exception_ce php_asyncstream_dns_exception_ce
	 php_asyncstream_server_ce php_asyncstream_tls_exception_ce:class entries, registered in MINIT; internal classes are shared by all threads"
	"as_base_handlers as_event_handlers as_config_handlers as_stream_handlers
	 as_server_handlers as_util_handlers:object handlers, filled in MINIT"
	"as_event_data_info:Event's \$data property info, looked up in MINIT (an internal class's, shared)"
	"asyncstream_module_entry:the module entry, the engine's"
	"asyncstream_globals_id asyncstream_globals_offset:the TSRM id/offset of the module globals"
	"as_fork_generation:bumped by the atfork child handler; a fork copies the whole process, so it is process-wide"
	"atfork_registered:MINIT registers the atfork handler once per process"
	"as_uring_probe_once as_uring_probe_reason as_uring_probe_buf as_uring_unavailable_errno:uring.c: what the kernel says about io_uring, probed once per process under pthread_once, then only read"
	"as_tu_bio_meth as_tu_bio_once:transport_tls_uring.c: the BIO method of TLS over the ring, made once per process under pthread_once, then only read (freed in MSHUTDOWN)"
)

as_need_packages "${AS_BUILD_PACKAGES[@]}" binutils

dir=build/zts
rm -rf "$dir"
mkdir -p "$dir"
as_copy_sources "$dir"
cd "$dir"
phpize >/dev/null 2>&1
./configure --with-asyncstream >/dev/null
cflags="-O2 -Wall -Werror -DZTS -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1"
if ! make -s -j"$(nproc)" CFLAGS="$cflags" >make.log 2>&1; then
	cat make.log >&2
	echo "zts-check: FAILED: the module does not build as ZTS with $cflags" >&2
	exit 1
fi
# Belt and braces: a warning that did not stop make (it should, with -Werror).
if grep -E 'warning:|error:' make.log >&2; then
	echo "zts-check: FAILED: compiler diagnostics above" >&2
	exit 1
fi
[ -f modules/asyncstream.so ] || { echo "zts-check: FAILED: no modules/asyncstream.so" >&2; exit 1; }
# A shared module may leave symbols undefined (the engine's, libevent's), so the link
# does not catch a missing definition of our own, e.g. no ZEND_TSRMLS_CACHE_DEFINE() at
# all (dlopen() would fail on a ZTS PHP): none of ours may be undefined.
undef=$(nm -u modules/asyncstream.so | awk '{ print $NF }' |
	grep -E '^(_tsrm_ls_cache|asyncstream_|php_asyncstream_|as_)' || true)
if [ -n "$undef" ]; then
	echo "zts-check: FAILED: modules/asyncstream.so leaves its own symbols undefined:" $undef >&2
	exit 1
fi

declare -A ok=()
for entry in "${allowed[@]}"; do
	for name in ${entry%%:*}; do ok[$name]=1; done
done

objs=()
while IFS= read -r -d '' o; do objs+=("$o"); done < <(find . -path '*/.libs/*.o' -print0 | sort -z)
[ ${#objs[@]} -gt 0 ] || { echo "zts-check: FAILED: no objects under .libs/" >&2; exit 1; }
bad=0 seen=0
for o in "${objs[@]}"; do
	# "ADDR l     O .bss	SIZE name": data objects in writable sections (.data.rel.ro is
	# read-only after relocation: const tables with pointers land there).
	while read -r section name; do
		base=${name%.[0-9]*}
		if [ -n "${ok[$base]:-}" ]; then
			seen=$((seen + 1))
			continue
		fi
		src=${o#./.libs/}; src=${src%.o}.c
		echo "zts-check: $src: writable static '$base' ($section) is shared by all threads" >&2
		bad=1
	done < <(objdump -t "$o" | awk '{
			for (i = 1; i < NF; i++) if ($i == "O") break
			if (i >= NF) next
			sec = $(i + 1)
			if (sec ~ /^\.(data|bss|tdata|tbss)($|\.)/ && sec !~ /^\.data\.rel\.ro/) print sec, $NF
		}')
done
if [ $bad = 1 ]; then
	echo "zts-check: FAILED: move per-request state into the module globals; a static set only in MINIT," >&2
	echo "or process-wide by nature, goes into the allowlist at the top of scripts/zts-check.sh with the reason" >&2
	exit 1
fi
echo "zts-check: ok (${#objs[@]} files built as ZTS with -Werror, $seen allowed statics)"
