#!/usr/bin/env bash
# Builds the optional-feature variants the default build never exercises, each in its own
# copy under build/variant-NAME, with -Werror, then loads the module and runs a small
# loopback smoke test on it (a server and a client echo one line; TLS and io_uring must be
# reported absent, and asking for them must fail with the reason, not crash):
#
#   --without-liburing                 (no io_uring data path)
#   --without-openssl                  (no TLS)
#   --without-liburing --without-openssl
#
#   scripts/build-variants.sh          ends "build-variants: ok (3 variants)"
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

as_need_packages "${AS_BUILD_PACKAGES[@]}"
repo=$PWD
smoke=$(cat <<'PHP'
<?php
$base = new EventBase();
$got = null;
$srv = new AsyncStreamServer($base, "127.0.0.1:0", function (AsyncStream $c) {
    $c->onData(fn ($c, $d) => $c->write($d));
});
$cl = AsyncStream::connect($base, $srv->getAddress());
$cl->onConnect(fn ($c) => $c->write("ping\n"))
   ->onData(function ($c, $d) use (&$got, $base) { $got = $d; $base->stop(); });
$guard = Event::timer($base, fn () => $base->stop());
$guard->add(20);
$base->loop();
if ($got !== "ping\n") { fwrite(STDERR, "echo failed\n"); exit(1); }
$want = getenv('EXPECT');
if (str_contains($want, 'notls')) {
    try { AsyncStream::connect($base, "tls://127.0.0.1:1"); fwrite(STDERR, "tls:// accepted\n"); exit(1); }
    catch (Throwable $e) { echo "tls:// refused: ", get_class($e), ": ", $e->getMessage(), "\n"; }
}
echo "ok\n";
PHP
)
n=0
for variant in "--without-liburing" "--without-openssl" "--without-liburing --without-openssl"; do
	name=$(echo "$variant" | sed 's/--without-//g; s/ /-/g')
	dir=build/variant-$name
	rm -rf "$dir"; mkdir -p "$dir"
	as_copy_sources "$dir"
	echo "build-variants: $variant" >&2
	( cd "$dir" && phpize >/dev/null 2>&1 && ./configure $variant >configure.log 2>&1 &&
	  make -j2 CFLAGS="-O2 -Werror" >make.log 2>&1 ) || { echo "build-variants: $variant: build failed" >&2; tail -30 "$dir/make.log" "$dir/configure.log" >&2 2>/dev/null; exit 1; }
	so=$repo/$dir/modules/asyncstream.so
	ri=$(php -n -d "extension=$so" --ri asyncstream)
	expect=""
	case $variant in *liburing*) grep -q '^io_uring => this build has no io_uring support' <<<"$ri" || { echo "build-variants: $variant: php --ri does not say io_uring is absent" >&2; exit 1; }
		out=$(php -n -d "extension=$so" -d asyncstream.io_uring=on -r 'try { AsyncStream::connect(new EventBase, "tcp://127.0.0.1:1"); exit(1); } catch (AsyncStreamException $e) { echo $e->getMessage(); }') ||
			{ echo "build-variants: $variant: io_uring=on did not throw" >&2; exit 1; }
		grep -q 'built without liburing' <<<"$out" || { echo "build-variants: $variant: unexpected message: $out" >&2; exit 1; } ;;
	esac
	case $variant in *openssl*) expect=notls ;; esac
	EXPECT=$expect php -n -d "extension=$so" -r "$(sed 1d <<<"$smoke")" >&2 || { echo "build-variants: $variant: smoke test failed" >&2; exit 1; }
	n=$((n + 1))
done
echo "build-variants: ok ($n variants)"
