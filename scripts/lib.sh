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
AS_BUILD_PACKAGES=(php-dev php-cli libevent-dev libssl-dev pkg-config make gcc)

# as_build [extra configure flags...] : phpize + configure + make, only when something changed.
# Result: modules/asyncstream.so. Set AS_BUILD_CFLAGS for extra compiler flags.
as_build() {
	local stamp=".build-stamp" want
	want="$(cat config.m4 config.w32 2>/dev/null | sha1sum | cut -c1-40) ${AS_BUILD_CFLAGS:-} $*"
	if [ ! -f Makefile ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
		[ -f Makefile ] && make -s distclean >/dev/null 2>&1 || true
		phpize >/dev/null
		CFLAGS="-O2 -g ${AS_BUILD_CFLAGS:-}" ./configure --with-asyncstream "$@" >/dev/null
		echo "$want" > "$stamp"
	fi
	make -s -j"$(nproc)" >/dev/null
	[ -f modules/asyncstream.so ] || { echo "build failed: modules/asyncstream.so missing" >&2; return 1; }
}
