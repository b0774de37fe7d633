#!/usr/bin/env bash
# Runs the README's commands on another Debian in a chroot: by default Debian 13 (trixie:
# PHP 8.4, libevent 2.1.13).
#
#   scripts/test-matrix.sh                   scripts/test.sh (the whole suite) in the chroot
#   scripts/test-matrix.sh --valgrind ...    the same under valgrind; other arguments (folders,
#                                            --asan) go to scripts/test.sh unchanged
#   scripts/test-matrix.sh --demo            scripts/demo.sh in the chroot instead
#   scripts/test-matrix.sh --shell           an interactive shell in the chroot's copy
#   scripts/test-matrix.sh --debian 12 ...   Debian 12 (bookworm: PHP 8.2) instead of 13
#   scripts/test-matrix.sh --bare ...        on a throwaway copy of the bare minbase system,
#                                            so the scripts install what they need themselves
#                                            (the README's fresh-machine promise)
#
# The chroot is built once with `debootstrap --variant=minbase` from the host's Debian mirror
# and cached outside the checkout in $AS_MATRIX_CACHE (default /var/tmp):
# asyncstream-trixie (with the build and test packages) and, for --bare only,
# asyncstream-trixie.minbase; delete them to start over. Each run copies the tracked and
# untracked-but-not-ignored files of the checkout in (no build products), so the module is
# built from scratch against the chroot's PHP. Runs as root on Debian 12 or 13 (installs
# debootstrap when missing). proc and /dev are mounted in a private mount namespace, so they
# go away with the script however it ends (the exit trap unmounts them too). Runs on one
# chroot are serialised with a lock next to it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

suite=trixie
mode=test
bare=0
args=()
argv=("$@")
while [ $# -gt 0 ]; do
	case "$1" in
		--demo) mode=demo ;;
		--shell) mode=shell ;;
		--bare) bare=1 ;;
		--debian) shift; case "${1:-}" in 12) suite=bookworm ;; 13) suite=trixie ;;
			*) echo "test-matrix: --debian 12 or 13" >&2; exit 2 ;; esac ;;
		-h|--help) sed -n '2,23p' "$0"; exit 0 ;;
		*) args+=("$1") ;;
	esac
	shift
done
case $suite in
	trixie) php=8.4 ;;
	bookworm) php=8.2 ;;
esac
# What the suite and the coming transports need. php-dev/php-cli are the metapackages
# scripts/test.sh checks for (so it installs nothing itself).
packages=(php$php-cli php$php-dev php-cli php-dev libevent-dev libssl-dev liburing-dev
	pkg-config make gcc valgrind iproute2 openssl ca-certificates)
cache=${AS_MATRIX_CACHE:-/var/tmp}
root=$cache/asyncstream-$suite

if [ "$(id -u)" != 0 ]; then
	echo "test-matrix: needs root (debootstrap, chroot, mount)" >&2
	exit 1
fi

# Re-run in a private mount namespace: whatever is mounted below the chroot disappears with it.
if [ -z "${AS_MATRIX_NS:-}" ]; then
	AS_MATRIX_NS=1 exec unshare --mount --propagation private -- "$PWD/scripts/test-matrix.sh" ${argv[@]+"${argv[@]}"}
fi

# The host's Debian mirror (deb822 sources first, then the one-line format).
mirror() { # $1: "debian" or "debian-security"
	local uri
	uri=$(awk -v want="$1" 'tolower($1) == "uris:" {
			for (i = 2; i <= NF; i++) { n = $i; sub(/\/+$/, "", n); m = n; sub(/.*\//, "", m); if (m == want) { print n; exit } } }' \
		/etc/apt/sources.list.d/*.sources 2>/dev/null || true)
	[ -n "$uri" ] || uri=$(awk -v want="$1" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) {
			n = $i; sub(/\/+$/, "", n); m = n; sub(/.*\//, "", m); if (m == want) { print n; exit } } }' \
		/etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)
	echo "${uri:-http://deb.debian.org/$1}"
}

# bootstrap DIR : a minbase $suite in DIR, once (DIR/.asyncstream-bootstrapped marks it done).
bootstrap() {
	local dir=$1 main security
	[ -x "$dir/usr/bin/apt-get" ] && [ -f "$dir/.asyncstream-bootstrapped" ] && return 0
	as_need_packages debootstrap
	main=$(mirror debian)
	echo "test-matrix: debootstrap $suite from $main into $dir (once)" >&2
	# Nothing is mounted below it yet in this namespace: a half-made tree can go.
	rm -rf --one-file-system "$dir"
	debootstrap --variant=minbase "$suite" "$dir" "$main" >"$dir.debootstrap.log" 2>&1 || {
		tail -20 "$dir.debootstrap.log" >&2; echo "test-matrix: debootstrap failed" >&2; return 1; }
	security=$(mirror debian-security)
	{
		echo "deb $main $suite main"
		echo "deb $main $suite-updates main"
		echo "deb $security $suite-security main"
	} > "$dir/etc/apt/sources.list"
	# minbase writes no /etc/hosts; a real installation has this one (tests resolve localhost).
	printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$dir/etc/hosts"
	touch "$dir/.asyncstream-bootstrapped"
}

mounted=()
throwaway=
cleanup() {
	local i
	for (( i = ${#mounted[@]} - 1; i >= 0; i-- )); do
		umount -R "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" 2>/dev/null || true
	done
	# --one-file-system: never into anything still mounted there.
	[ -z "$throwaway" ] || rm -rf --one-file-system "$throwaway"
}
trap cleanup EXIT
mount_in() { # $1: type or --rbind, $2: source, $3: target under $root
	if [ "$1" = --rbind ]; then mount --rbind "$2" "$root$3"; mount --make-rslave "$root$3"
	else mount -t "$1" "$2" "$root$3"; fi
	mounted+=("$root$3")
}
in_root() {
	chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

mkdir -p "$cache"
t0=$(date +%s)
if [ $bare = 1 ]; then
	exec 9>"$root.minbase.lock"
	flock 9
	bootstrap "$root.minbase"
	throwaway=$(mktemp -d "$cache/asyncstream-$suite-bare.XXXXXX")
	cp -a "$root.minbase/." "$throwaway/"
	root=$throwaway
else
	exec 9>"$root.lock"
	flock 9
	bootstrap "$root"
fi
[ -s "$root/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
mount_in proc proc /proc
mount_in --rbind /dev /dev
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

if [ $bare = 1 ]; then
	# A fresh machine has its package lists; the scripts' own apt-get does the rest.
	in_root sh -c 'apt-get update -qq'
elif [ "$(cat "$root/.asyncstream-packages" 2>/dev/null)" != "${packages[*]}" ]; then
	# Install (or, when the list changed, complete) the packages; a no-op on later runs.
	echo "test-matrix: installing ${packages[*]} in the chroot" >&2
	in_root sh -c 'export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null
		apt-get clean' sh "${packages[@]}"
	echo "${packages[*]}" > "$root/.asyncstream-packages"
fi
t1=$(date +%s)

# A fresh copy of the checkout: tracked files plus new, not yet ignored ones.
dest=/root/asyncstream
rm -rf --one-file-system "$root$dest"
mkdir -p "$root$dest"
as_copy_sources "$root$dest"

if [ $bare = 1 ]; then
	echo "test-matrix: bare Debian $(cat "$root/etc/debian_version") (ready in $((t1 - t0)) s)" >&2
else
	echo "test-matrix: $(in_root php -n -r 'echo "PHP ", PHP_VERSION, PHP_ZTS ? " ZTS" : " NTS";'), libevent $(in_root pkg-config --modversion libevent), Debian $(cat "$root/etc/debian_version") (chroot ready in $((t1 - t0)) s)" >&2
fi
case $mode in
	test) in_root bash -c 'cd "$1" && shift && exec scripts/test.sh "$@"' bash "$dest" ${args[@]+"${args[@]}"} ;;
	demo) in_root bash -c 'cd "$1" && shift && exec scripts/demo.sh "$@"' bash "$dest" ${args[@]+"${args[@]}"} ;;
	shell) in_root bash -c 'cd "$1" && exec bash -i' bash "$dest" ;;
esac
