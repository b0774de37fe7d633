#!/usr/bin/env bash
# Regenerates stubs/*_arginfo.h from stubs/*.stub.php with PHP's own gen_stub.php, offline.
#   scripts/gen-stub.sh          regenerate
#   scripts/gen-stub.sh --check  fail (exit 1) when a committed arginfo is out of date
# gen_stub.php wants PHP-Parser in build/PHP-Parser-<version>/lib beside it; Debian's
# php-parser package provides it, so no download happens.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
as_need_packages php-dev php-parser

check=0
[ "${1:-}" = "--check" ] && check=1

php_api=$(php-config --phpapi 2>/dev/null || true)
gen=""
for cand in "/usr/lib/php/$php_api/build/gen_stub.php" $(php-config --prefix)/lib/php/build/gen_stub.php; do
	[ -r "$cand" ] && { gen=$cand; break; }
done
[ -n "$gen" ] || { echo "gen-stub: gen_stub.php not found (install php-dev)" >&2; exit 1; }
[ -d /usr/share/php/PhpParser ] || { echo "gen-stub: /usr/share/php/PhpParser missing (install php-parser)" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$gen" "$scratch/gen_stub.php"
# gen_stub.php pins a PHP-Parser version and looks for it beside itself.
pv="PHP-Parser-$(sed -n '/^function initPhpParser/,/^}/s/.*\$version = "\([0-9.]*\)".*/\1/p' "$scratch/gen_stub.php" | head -1)"
mkdir -p "$scratch/$pv/lib"
ln -s /usr/share/php/PhpParser "$scratch/$pv/lib/PhpParser"

status=0
for stub in stubs/*.stub.php; do
	arginfo="${stub%.stub.php}_arginfo.h"
	if [ $check = 1 ]; then
		cp "$stub" "$scratch/x.stub.php"
		[ -f "$arginfo" ] && cp "$arginfo" "$scratch/x_arginfo.h"
		php "$scratch/gen_stub.php" -f "$scratch/x.stub.php" >/dev/null
		if ! diff -q "$scratch/x_arginfo.h" "$arginfo" >/dev/null 2>&1; then
			echo "gen-stub: $arginfo is out of date with $stub: run scripts/gen-stub.sh and commit" >&2
			diff -u "$arginfo" "$scratch/x_arginfo.h" | head -40 >&2 || true
			status=1
		fi
		rm -f "$scratch/x.stub.php" "$scratch/x_arginfo.h"
	else
		php "$scratch/gen_stub.php" -f "$stub"
	fi
done
[ $check = 1 ] && [ $status = 0 ] && echo "gen-stub: arginfo in sync with the stub"
exit $status
