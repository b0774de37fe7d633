#!/usr/bin/env bash
# PECL packaging, kept in step with the tree.
#
#   scripts/package.sh            rewrite package.xml's file list (git ls-files), version and
#                                 date, regenerate the IDE stub stubs/asyncstream.php, then
#                                 `pecl package` -> build/asyncstream-X.Y.Z.tgz
#   scripts/package.sh --check    fail when package.xml or stubs/asyncstream.php do not match
#                                 the tree (a shipped file missing from the list, a stale stub)
#   scripts/package.sh --install  --check, `pecl package`, then `pecl install` of that tarball,
#                                 offline, into a temporary PEAR prefix (nothing outside it is
#                                 touched), a smoke test with `php -d extension=asyncstream`
#                                 against the installed module, and removal of the prefix.
#   scripts/package.sh --install --system
#                                 the same, but into the system's PHP (pecl's default
#                                 ext_dir), then `pecl uninstall`: the machine is left as it was.
#
# Installs what a fresh Debian machine lacks (php-pear provides pecl).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

mode=package; system=0
for a in "$@"; do
	case "$a" in
		--check) mode=check ;;
		--install) mode=install ;;
		--system) system=1 ;;
		-h|--help) sed -n '2,18p' "$0"; exit 0 ;;
		*) echo "package: unknown argument $a" >&2; exit 2 ;;
	esac
done

as_need_packages "${AS_BUILD_PACKAGES[@]}" php-pear git
as_build
php_mod=(php -n -d "extension=$PWD/modules/asyncstream.so")

if [ $mode = package ]; then
	php -n scripts/package.php write
	"${php_mod[@]}" scripts/ide-stub.php
else
	php -n scripts/package.php check
	"${php_mod[@]}" scripts/ide-stub.php --check
	[ $mode = check ] && exit 0
fi

version=$(sed -n 's/.*<release>\([^<]*\)<\/release>.*/\1/p' package.xml | head -1)
tgz="build/asyncstream-$version.tgz"
mkdir -p build
rm -f "asyncstream-$version.tgz" "$tgz"
# pecl package validates package.xml (roles, dependencies, every listed file present).
pecl package package.xml | grep -v '^$' | sed 's/^/pecl: /'
mv "asyncstream-$version.tgz" "$tgz"
echo "package: $tgz ($(du -k "$tgz" | cut -f1) KiB, $(tar tzf "$tgz" | grep -c -v '/$') entries)"
[ $mode = install ] || exit 0

# ---- offline install of the tarball, and a smoke test against the installed module
smoke='
$i = new ReflectionExtension("asyncstream");
$base = new EventBase();
$got = "";
$server = new AsyncStreamServer($base, "tcp://127.0.0.1:0", function (AsyncStream $c) use (&$conns) {
	$conns[] = $c;
	$c->onData(fn($c, $d) => $c->write(strtoupper($d)))->onEnd(fn($c) => $c->end());
});
$client = AsyncStream::connect($base, $server->getAddress());
$client->onConnect(fn($s) => $s->end("ping"))
	->onData(function ($s, $d) use (&$got) { $got .= $d; })
	->onClose(function ($s, $e) use ($server) { $server->close(); });
$base->loop();
echo "smoke: asyncstream ", $i->getVersion(), " from ", (new ReflectionClass("EventBase"))->getExtensionName(),
	", backend ", $base->getMethod(), ", echo over loopback: ", $got, "\n";
exit($got === "PING" ? 0 : 1);'

if [ $system = 1 ]; then
	if pecl list 2>/dev/null | grep -q '^asyncstream '; then
		echo "package: asyncstream is already installed through pecl; not touching it" >&2
		exit 1
	fi
	# pecl builds in its temp_dir (/tmp/pear/temp by default): remove what this run adds there.
	pear_tmp=$(pecl config-get temp_dir 2>/dev/null || echo /tmp/pear/temp)
	had_tmp=0; [ -d "$pear_tmp" ] && had_tmp=1
	before=$(ls -A "$pear_tmp" 2>/dev/null || true)
	cleanup_system() {
		pecl uninstall asyncstream >/dev/null 2>&1 || true
		if [ $had_tmp = 0 ]; then
			rm -rf "$pear_tmp"
			rmdir "$(dirname "$pear_tmp")" 2>/dev/null || true
		else
			for f in $(ls -A "$pear_tmp" 2>/dev/null); do
				grep -qxF "$f" <<<"$before" || rm -rf "${pear_tmp:?}/$f"
			done
		fi
	}
	trap cleanup_system EXIT
	pecl install -D 'with-libevent-dir="autodetect"' "$tgz" </dev/null >build/pecl-install.log 2>&1 ||
		{ tail -30 build/pecl-install.log >&2; exit 1; }
	grep -E '^(Build process completed|Installing|install ok)' build/pecl-install.log | sed 's/^/pecl: /'
	php -d extension=asyncstream -r "$smoke"
	php -d extension=asyncstream --ri asyncstream | sed -n '/^asyncstream$/,$p' | sed 's/^/ri: /'
	pecl uninstall asyncstream | grep -v -e '^$' -e 'from php.ini' | sed 's/^/pecl: /'
	echo "package: installed from $tgz into $(php-config --extension-dir), smoke test passed, uninstalled"
	exit 0
fi

# A private PEAR configuration (registry, docs, tests, caches under $prefix), and
# --packagingroot so that the built module lands under $prefix/root too: pecl takes the
# module's destination from php-config (the system's extension dir) and prefixes it.
prefix=$(mktemp -d /tmp/asyncstream-pecl.XXXXXX)
trap "rm -rf \"$prefix\"" EXIT
conf="$prefix/pear.conf"
pear -c "$conf" config-create "$prefix" "$conf" >/dev/null
pear -c "$conf" config-set php_ini "" >/dev/null 2>&1 || true
root="$prefix/root"
# pecl unpacks into $root$temp_dir but builds in $temp_dir (it prefixes one and not the
# other): make both the same directory.
mkdir -p "$root$prefix/pear/temp" "$prefix/pear"
ln -s "$root$prefix/pear/temp" "$prefix/pear/temp"
pecl -c "$conf" install --packagingroot="$root" -D 'with-libevent-dir="autodetect"' "$tgz" </dev/null \
	>"$prefix/install.log" 2>&1 || { tail -30 "$prefix/install.log" >&2; exit 1; }
grep -E '^(running: |Build process completed|Installing|install ok)' "$prefix/install.log" |
	grep -v -e 'running: make' -e 'running: find' | sed "s#$prefix#\$TMP#g; s/^/pecl: /"
ext_dir="$root$(php-config --extension-dir)"
[ -f "$ext_dir/asyncstream.so" ] || { echo "package: $ext_dir/asyncstream.so missing" >&2; exit 1; }
php -n -d "extension_dir=$ext_dir" -d extension=asyncstream -r "$smoke"
php -n -d "extension_dir=$ext_dir" -d extension=asyncstream --ri asyncstream | sed -n '/^asyncstream$/,$p' | sed 's/^/ri: /'
docs=$(find "$root" -path '*asyncstream*' -name api.md | head -1)
if [ -n "$docs" ]; then
	tests=$(find "$root" -type d -path "*asyncstream/tests" | head -1)
	docs=${docs#"$root"}; tests=${tests#"$root"}
	echo "package: docs installed as ${docs/#$prefix/\$TMP}, tests as ${tests/#$prefix/\$TMP}"
fi
echo "package: installed from $tgz into a temporary root, smoke test passed, root removed"
