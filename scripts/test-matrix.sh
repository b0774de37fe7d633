#!/usr/bin/env bash
# Runs the README's test command on Debian 13 (trixie: PHP 8.4, libevent 2.1.13) in a chroot.
#
#   scripts/test-matrix.sh                   scripts/test.sh (the whole suite) in the chroot
#   scripts/test-matrix.sh --valgrind ...    the same under valgrind; other arguments (folders,
#                                            --asan) go to scripts/test.sh unchanged
#   scripts/test-matrix.sh --demo            scripts/demo.sh in the chroot instead
#   scripts/test-matrix.sh --shell           an interactive shell in the chroot's copy
#
# The chroot is built once with `debootstrap --variant=minbase` from the host's Debian mirror
# and cached outside the checkout in $AS_TRIXIE_ROOT (default /var/tmp/asyncstream-trixie;
# delete it to start over). Each run copies the tracked and untracked-but-not-ignored files
# of the checkout in (no build products), so the module is built from scratch with trixie's
# php8.4-dev. Runs as root on Debian 12 or 13 (installs debootstrap when missing). proc and
# /dev are mounted in a private mount namespace, so they go away with the script however it
# ends (the exit trap unmounts them too). Runs are serialised with a lock next to the chroot.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

root=${AS_TRIXIE_ROOT:-/var/tmp/asyncstream-trixie}
suite=trixie
# What the suite and the later transports need, plus the php-dev/php-cli metapackages that
# scripts/test.sh checks for (so it installs nothing itself).
packages=(php8.4-cli php8.4-dev php-cli php-dev libevent-dev libssl-dev liburing-dev
	pkg-config make gcc valgrind)

mode=test
args=()
for a in "$@"; do
	case "$a" in
		--demo) mode=demo ;;
		--shell) mode=shell ;;
		-h|--help) sed -n '2,17p' "$0"; exit 0 ;;
		*) args+=("$a") ;;
	esac
done

if [ "$(id -u)" != 0 ]; then
	echo "test-matrix: needs root (debootstrap, chroot, mount)" >&2
	exit 1
fi

# Re-run in a private mount namespace: whatever is mounted below $root disappears with it.
if [ -z "${AS_MATRIX_NS:-}" ]; then
	AS_MATRIX_NS=1 exec unshare --mount --propagation private -- "$PWD/scripts/test-matrix.sh" "$@"
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

mounted=()
cleanup() {
	local i
	for (( i = ${#mounted[@]} - 1; i >= 0; i-- )); do
		umount -R "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" 2>/dev/null || true
	done
}
trap cleanup EXIT
mount_in() { # $1: type or --rbind, $2: source, $3: target under $root
	if [ "$1" = --rbind ]; then mount --rbind "$2" "$root$3"; mount --make-rslave "$root$3"
	else mount -t "$1" "$2" "$root$3"; fi
	mounted+=("$root$3")
}

mkdir -p "$(dirname "$root")"
exec 9>"$root.lock"
flock 9

t0=$(date +%s)
if [ ! -x "$root/usr/bin/apt-get" ] || [ ! -f "$root/.asyncstream-bootstrapped" ]; then
	as_need_packages debootstrap
	main=$(mirror debian)
	echo "test-matrix: debootstrap $suite from $main into $root (once)" >&2
	# Nothing is mounted below $root yet in this namespace: a half-made tree can go.
	rm -rf --one-file-system "$root"
	debootstrap --variant=minbase "$suite" "$root" "$main" >"$root.debootstrap.log" 2>&1 || {
		tail -20 "$root.debootstrap.log" >&2; echo "test-matrix: debootstrap failed" >&2; exit 1; }
	security=$(mirror debian-security)
	{
		echo "deb $main $suite main"
		echo "deb $main $suite-updates main"
		echo "deb $security $suite-security main"
	} > "$root/etc/apt/sources.list"
	touch "$root/.asyncstream-bootstrapped"
fi
# minbase writes no /etc/hosts; a real installation has this one (tests resolve localhost).
[ -s "$root/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"

mount_in proc proc /proc
mount_in --rbind /dev /dev
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

in_root() {
	chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

# Install (or, when the list changed, complete) the packages; a no-op on later runs.
if [ "$(cat "$root/.asyncstream-packages" 2>/dev/null)" != "${packages[*]}" ]; then
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

echo "test-matrix: $(in_root php -n -r 'echo "PHP ", PHP_VERSION, PHP_ZTS ? " ZTS" : " NTS";'), libevent $(in_root pkg-config --modversion libevent), Debian $(cat "$root/etc/debian_version") (chroot ready in $((t1 - t0)) s)" >&2
case $mode in
	test) in_root bash -c 'cd "$1" && shift && exec scripts/test.sh "$@"' bash "$dest" ${args[@]+"${args[@]}"} ;;
	demo) in_root bash -c 'cd "$1" && shift && exec scripts/demo.sh "$@"' bash "$dest" ${args[@]+"${args[@]}"} ;;
	shell) in_root bash -c 'cd "$1" && exec bash -i' bash "$dest" ;;
esac
