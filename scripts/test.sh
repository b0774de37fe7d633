#!/usr/bin/env bash
# Builds the module and runs every PHPT under tests/ with PHP's own run-tests.php.
#
#   scripts/test.sh                      the whole suite
#   scripts/test.sh --valgrind           the same under valgrind (run-tests.php -m)
#   scripts/test.sh tests/safety ...     only these folders/files
#
# Installs what a fresh Debian machine lacks (php-dev, libevent-dev, valgrind, ...).
# Ends with "N passed, N failed, N skipped"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

valgrind=0
paths=()
for a in "$@"; do
	case "$a" in
		--valgrind) valgrind=1 ;;
		-h|--help) sed -n '2,9p' "$0"; exit 0 ;;
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

ext_dir=$(php-config --extension-dir)
php_bin=$(command -v php)
jobs=$(nproc)
opts=(-q --show-diff --no-color --no-progress -j"$jobs"
	-n -d "extension_dir=$ext_dir"
	-d extension=sockets -d extension=posix
	-d "extension=$PWD/modules/asyncstream.so"
	-d display_errors=1 -d error_reporting=-1)
[ $valgrind = 1 ] && opts+=(-m)

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
TEST_PHP_EXECUTABLE="$php_bin" NO_INTERACTION=1 \
	"$php_bin" -n run-tests.php "${opts[@]}" "${paths[@]}" 2>&1 | tee "$log"
set -e

# run-tests.php's own summary block: "Tests passed    :    3 (...)".
count() { sed -n "s/^$1 *: *\([0-9]*\).*/\1/p" "$log" | tail -1; }
n() { local v; v=$(count "$1"); echo "${v:-0}"; }
passed=$(( $(n 'Tests passed') + $(n 'Expected fail') ))
failed=$(( $(n 'Tests failed') + $(n 'Tests warned') + $(n 'Tests borked') + $(n 'Tests leaked') ))
skipped=$(n 'Tests skipped')
mode=""; [ $valgrind = 1 ] && mode="valgrind: "
echo
echo "${mode}${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
