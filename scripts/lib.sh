# Shared by the scripts: installing what a fresh Debian machine lacks, building the module.
# Sourced, not run.

# as_need_packages PKG... : apt-get install the Debian packages that are not installed yet.
as_need_packages() {
	local missing=()
	for p in "$@"; do
		dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "missing packages: ${missing[*]} (run as root, or install them)" >&2
		return 1
	fi
	echo "installing: ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	# Refresh the lists only when an install cannot find a package.
	apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
		apt-get update -qq >/dev/null 2>&1
		apt-get install -y -qq "${missing[@]}" >/dev/null
	}
}

# The packages a build and the test suite need.
AS_BUILD_PACKAGES=(php-dev php-cli libevent-dev libssl-dev pkg-config make gcc iproute2 openssl)

# as_build [extra configure flags...] : phpize + configure + make, only when something changed.
# Result: modules/asyncstream.so. Set AS_BUILD_CFLAGS for extra compiler flags.
as_build() {
	local stamp=".build-stamp" want
	want="$(cat config.m4 config.w32 2>/dev/null | sha1sum | cut -c1-40) ${AS_BUILD_CFLAGS:-} $*"
	if [ ! -f Makefile ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
		[ -f Makefile ] && make -s distclean >/dev/null 2>&1 || true
		local err
		err=$(phpize 2>&1 >/dev/null) || { echo "$err" >&2; return 1; }
		# autoconf >= 2.70 calls AC_PROG_LIBTOOL in PHP's own build files obsolete: not ours.
		[ -z "$err" ] || grep -v -e "AC_PROG_LIBTOOL" -e "run autoupdate" -e "is expanded from" \
			-e "the top level" <<<"$err" >&2 || true
		CFLAGS="-O2 -g ${AS_BUILD_CFLAGS:-}" ./configure --with-asyncstream "$@" >/dev/null
		echo "$want" > "$stamp"
	fi
	make -s -j"$(nproc)" >/dev/null
	[ -f modules/asyncstream.so ] || { echo "build failed: modules/asyncstream.so missing" >&2; return 1; }
}

# as_copy_sources DEST : copies the checkout into DEST without build products: the tracked
# files plus new ones not yet ignored (git), or, outside git, everything but the build dirs.
as_copy_sources() {
	local dest=$1
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -z --cached --others --exclude-standard |
			while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
			tar --null -T - -cf - | tar -C "$dest" -xf -
	else
		tar --exclude=./build --exclude=./modules --exclude=./.libs -cf - . | tar -C "$dest" -xf -
	fi
}
