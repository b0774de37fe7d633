#!/usr/bin/env bash
# Runs scripts/fuzz.php for each seed of A..B in its own php process, under a timeout, and
# counts the seeds that fail: a crash (signal), a hang (timeout), a fatal error or other
# exit status, findings (exit 1), or memory errors/leaks under valgrind or ASan.
#
#   scripts/fuzz-seeds.sh [options] A B
#     -s STEPS     top-level steps per seed (default 400)
#     -t SECONDS   timeout per seed (default 60; 600 under valgrind)
#     -m MODULE    the asyncstream.so to load (default: build modules/asyncstream.so)
#     -l DIR       keep the output of failing seeds in DIR (default: a new /tmp/asfuzz-seeds.XXXX)
#     -x ARGS      extra arguments for fuzz.php (e.g. "--classic", "--no-fork" or "--no-tls")
#     -d INI       an ini setting for php, repeatable (e.g. -d asyncstream.io_uring=on)
#     -j N         run N seeds at a time (default 1). A seed spends most of its time waiting
#                  in loops and for forked children, so 2-3 fit on one busy core
#     --valgrind   run each seed under valgrind (USE_ZEND_ALLOC=0; errors and definite leaks fail)
#     --asan       load build/asan/modules/asyncstream.so (build it first with
#                  scripts/test.sh --asan tests/fuzz) with the sanitizer runtimes preloaded
#     -q           print only failing seeds and the summary
#
# Prints one line per failing seed (its reason and the first line that tells why; the full
# output is in DIR/seed-N.log) and ends with "N seeds, N failed" plus the reasons counted.
# Exit status: 0 when no seed failed, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

steps=400
timeout_s=""
module=""
logdir=""
extra=""
mode=plain
quiet=0
jobs=1
args=()
ini=()
while [ $# -gt 0 ]; do
	case "$1" in
		-s) steps=$2; shift 2 ;;
		-t) timeout_s=$2; shift 2 ;;
		-m) module=$2; shift 2 ;;
		-l) logdir=$2; shift 2 ;;
		-x) extra=$2; shift 2 ;;
		-j) jobs=$2; shift 2 ;;
		--valgrind) mode=valgrind; shift ;;
		--asan) mode=asan; shift ;;
		-q) quiet=1; shift ;;
		-d) ini+=(-d "$2"); shift 2 ;;
		-h|--help) sed -n '2,23p' "$0"; exit 0 ;;
		*) args+=("$1"); shift ;;
	esac
done
[ ${#args[@]} -eq 2 ] || { sed -n '2,23p' "$0" >&2; exit 2; }
first=${args[0]}
last=${args[1]}
root=$PWD

if [ "$mode" = asan ]; then
	module=${module:-$root/build/asan/modules/asyncstream.so}
	[ -f "$module" ] || { echo "no $module: build it with scripts/test.sh --asan tests/fuzz" >&2; exit 2; }
	[ -x tests/util/build.sh ] && tests/util/build.sh
elif [ -z "$module" ]; then
	as_build || exit 2
	module=$root/modules/asyncstream.so
fi
[ -n "$timeout_s" ] || { [ "$mode" = valgrind ] && timeout_s=600 || timeout_s=60; }
[ -n "$logdir" ] || logdir=$(mktemp -d /tmp/asfuzz-seeds.XXXXXX)
mkdir -p "$logdir"

ext_dir=$(php-config --extension-dir)
php=(php -n -d "extension_dir=$ext_dir" -d extension=sockets -d extension=posix -d "extension=$module"
	-d display_errors=1 -d error_reporting=-1 -d memory_limit=1G ${ini[@]+"${ini[@]}"})
env_extra=()
wrap=()
case $mode in
	valgrind)
		# A release PHP does not collect cycles at exit: PHP objects still in one when a
		# forked child calls exit() are left to the (here: malloc) heap. Not ours to fix,
		# and what they own is only "indirectly" lost; the same rule as scripts/lsan.supp.
		supp="$logdir/php-objects.supp"
		printf '{\n  php-object-at-exit-1\n  Memcheck:Leak\n  match-leak-kinds: definite\n  ...\n  fun:zend_objects_new\n}\n{\n  php-object-at-exit-2\n  Memcheck:Leak\n  match-leak-kinds: definite\n  ...\n  fun:object_init_ex\n}\n' >"$supp"
		env_extra=(USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1)
		wrap=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
			--show-leak-kinds=definite --suppressions="$supp" --track-origins=no --num-callers=30)
		php+=(-d pcre.jit=0) # valgrind cannot follow PCRE's JIT code
		;;
	asan)
		preload="$root/tests/util/build/faultinject.so $(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)"
		env_extra=(USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 LD_PRELOAD="$preload"
			ASAN_OPTIONS="exitcode=98:detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0:verify_asan_link_order=0:detect_odr_violation=0:allocator_may_return_null=1"
			LSAN_OPTIONS="exitcode=98:suppressions=$root/scripts/lsan.supp:print_suppressions=0"
			UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=98")
		;;
esac

# run_seed N: runs one seed, writes its reason ("" when it passed) to DIR/seed-N.why
run_seed() {
	local seed=$1 log="$logdir/seed-$1.log" rc why=""
	( env "${env_extra[@]}" timeout -k 10 "$timeout_s" "${wrap[@]}" "${php[@]}" scripts/fuzz.php \
		--seed="$seed" --steps="$steps" $extra; exit $? ) >"$log" 2>&1
	rc=$?
	case $rc in
		0) ;;
		1) why=findings ;;
		98) why=asan ;;
		99) why=valgrind ;;
		124|137) why=timeout ;;
		255) why=fatal ;;
		*) if [ $rc -gt 128 ]; then why="signal-$((rc - 128))"; else why="exit-$rc"; fi ;;
	esac
	# valgrind/ASan report a child's errors in its own exit status, which the fuzzer
	# turns into a finding ("exited with status 99/98"): name the real reason
	if [ "$why" = findings ] && grep -qE 'exited with status (98|99)' "$log"; then
		why="$mode-child"
	fi
	echo "$why" >"$logdir/seed-$seed.why"
	[ -n "$why" ] || rm -f "$log"
}

declare -A reasons=()
n=0
failed=0
t0=$(date +%s)
running=0
for ((seed = first; seed <= last; seed++)); do
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	run_seed "$seed" &
	running=$((running + 1))
	if [ "$jobs" -eq 1 ]; then
		wait
		running=0
		why=$(cat "$logdir/seed-$seed.why")
		[ -n "$why" ] || [ $quiet = 1 ] || echo "seed $seed: ok"
		[ -z "$why" ] || echo "seed $seed: FAILED ($why) $(grep -m1 -E '^(FINDING|==[0-9]+== (Invalid|Conditional|Use of|Syscall|[0-9,]+ bytes)|.*ERROR: (AddressSanitizer|LeakSanitizer)|.*runtime error|PHP Fatal|Fatal error)' "$logdir/seed-$seed.log" | cut -c1-200)"
	fi
done
wait
for ((seed = first; seed <= last; seed++)); do
	n=$((n + 1))
	why=$(cat "$logdir/seed-$seed.why")
	rm -f "$logdir/seed-$seed.why"
	[ -n "$why" ] || continue
	failed=$((failed + 1))
	reasons[$why]=$(( ${reasons[$why]:-0} + 1 ))
	if [ "$jobs" -gt 1 ]; then
		echo "seed $seed: FAILED ($why) $(grep -m1 -E '^(FINDING|==[0-9]+== (Invalid|Conditional|Use of|Syscall|[0-9,]+ bytes)|.*ERROR: (AddressSanitizer|LeakSanitizer)|.*runtime error|PHP Fatal|Fatal error)' "$logdir/seed-$seed.log" | cut -c1-200)"
	fi
done
summary=""
for k in "${!reasons[@]}"; do summary+=" $k=${reasons[$k]}"; done
echo "$n seeds, $failed failed${summary:+ (}${summary# }${summary:+)}, $(( $(date +%s) - t0 )) s, $steps steps/seed, $mode, logs in $logdir"
[ $failed -eq 0 ]
