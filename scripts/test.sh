#!/usr/bin/env bash
# Builds the module and runs every PHPT under tests/ with PHP's own run-tests.php.
#
#   scripts/test.sh                      the whole suite
#   scripts/test.sh --valgrind           the same under valgrind (run-tests.php -m)
#   scripts/test.sh --asan               the same with the module built with AddressSanitizer and
#                                        UndefinedBehaviorSanitizer (a separate build in build/asan;
#                                        php itself is not instrumented), USE_ZEND_ALLOC=0, leak
#                                        checking on; suppressions in scripts/lsan.supp
#   scripts/test.sh --io-uring tests/stream tests/server
#                                        the same with -d asyncstream.io_uring=on: AsyncStreams move
#                                        their bytes with io_uring (fails at once where it cannot)
#   scripts/test.sh tests/safety ...     only these folders/files
#
# Installs what a fresh Debian machine lacks (php-dev, libevent-dev, valgrind, ...).
# Ends with "N passed, N failed, N skipped"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

valgrind=0
asan=0
iouring=0
paths=()
for a in "$@"; do
	case "$a" in
		--valgrind) valgrind=1 ;;
		--asan) asan=1 ;;
		--io-uring) iouring=1 ;;
		-h|--help) sed -n '2,16p' "$0"; exit 0 ;;
		*) paths+=("$a") ;;
	esac
done
[ ${#paths[@]} -gt 0 ] || paths=(tests)

pkgs=("${AS_BUILD_PACKAGES[@]}")
[ $valgrind = 1 ] && pkgs+=(valgrind)
as_need_packages "${pkgs[@]}"
as_build

# Helpers some tests build (the fault-injection library, ...), when present.
[ -x tests/util/build.sh ] && tests/util/build.sh

module="$PWD/modules/asyncstream.so"
env_extra=()
if [ $asan = 1 ]; then
	# A copy of the sources built in build/asan, so the normal build is left alone.
	src=$PWD
	mkdir -p build/asan
	cp -p config.m4 config.w32 ./*.c ./*.h build/asan/
	mkdir -p build/asan/stubs && cp -p stubs/* build/asan/stubs/
	(cd build/asan && AS_BUILD_CFLAGS="-O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
		LDFLAGS="-fsanitize=address,undefined" as_build)
	module="$src/build/asan/modules/asyncstream.so"
	# faultinject.so first: its dlopen() drops RTLD_DEEPBIND, with which php loads extensions
	# and which the sanitizer runtime refuses (hence verify_asan_link_order=0 too).
	preload="$src/tests/util/build/faultinject.so $(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)"
	env_extra=(USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 AS_TEST_MODULE="$module" LD_PRELOAD="$preload"
		ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0:verify_asan_link_order=0:detect_odr_violation=0:allocator_may_return_null=1"
		LSAN_OPTIONS="suppressions=$src/scripts/lsan.supp:print_suppressions=0"
		UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
fi

ext_dir=$(php-config --extension-dir)
php_bin=$(command -v php)
jobs=$(nproc)
opts=(-q --show-diff --no-color --no-progress -j"$jobs"
	-n -d "extension_dir=$ext_dir"
	-d extension=sockets -d extension=posix
	-d "extension=$module"
	-d display_errors=1 -d error_reporting=-1)
[ $valgrind = 1 ] && opts+=(-m)
# ASan makes TLS handshakes and big transfers several times slower: on a loaded 2-core
# machine tests/tls/pause_resume and openssl_error_queue_left_clean ran past run-tests'
# 60 s. The same limit as under valgrind (which run-tests sets itself); the tests' own
# watchdogs (tls_limit(): 300 s with AS_TEST_MODULE) already allow that much.
[ $asan = 1 ] && opts+=(--set-timeout 300)
if [ $iouring = 1 ]; then
	ri=$(php -n -d "extension=$module" --ri asyncstream)
	case "$ri" in
		*"io_uring (liburing) => available"*) ;;
		*) echo "test.sh --io-uring: io_uring is not available here: $(echo "$ri" | grep '^io_uring')" >&2; exit 1 ;;
	esac
	opts+=(-d asyncstream.io_uring=on)
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
env "${env_extra[@]}" TEST_PHP_EXECUTABLE="$php_bin" NO_INTERACTION=1 \
	"$php_bin" -n run-tests.php "${opts[@]}" "${paths[@]}" 2>&1 | tee "$log"
set -e

# run-tests.php's own summary block: "Tests passed    :    3 (...)".
count() { sed -n "s/^$1 *: *\([0-9]*\).*/\1/p" "$log" | tail -1; }
n() { local v; v=$(count "$1"); echo "${v:-0}"; }
passed=$(( $(n 'Tests passed') + $(n 'Expected fail') ))
failed=$(( $(n 'Tests failed') + $(n 'Tests warned') + $(n 'Tests borked') + $(n 'Tests leaked') ))
skipped=$(n 'Tests skipped')
mode=""; [ $valgrind = 1 ] && mode="valgrind: "; [ $asan = 1 ] && mode="asan: "
echo
echo "${mode}${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
