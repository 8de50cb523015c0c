#!/usr/bin/env bash
# Runs the test programs given as arguments, each with its own log folder, and prints one line per
# program and a final "N passed, N failed" count of test cases. The logs of a failed program are
# kept in $BUILD/test-logs/<program>/ (its output, and each daemon's configuration and log).
#
# Environment: BUILD (build folder, default build), SANITIZE=1 when the programs and extensions
# were built with AddressSanitizer and UndefinedBehaviorSanitizer.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/${BUILD:-build}
logs=$build/test-logs
rm -rf "$logs"
mkdir -p "$logs"

export TK_FDX_DIR=$build/fdx
export TK_TEST_FDX_DIR=$build/tests/fdx
if [[ ${SANITIZE:-0} == 1 ]]; then
	# The daemons run in fd-host, built with the sanitizers (tests/host/fd_host.c says why).
	export TK_DAEMON=$build/tests/fd-host
	# Every freeDiameter extension exports the same globals (fd_ext_depends, fd_ext_init): that is
	# the extension ABI, not a bug, so ASan's one-definition-rule check is off.
	export ASAN_OPTIONS=detect_leaks=1:detect_odr_violation=0
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0
fi

passed=0 failed=0
for program in "$@"; do
	name=$(basename "$program")
	dir=$logs/$name
	mkdir -p "$dir"
	TK_TEST_LOGS=$dir timeout 900 "$program" >"$dir/output.log" 2>&1
	rc=$?
	ok=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$dir/output.log" | tail -1)
	ko=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test(s), listed below.*/\1/p' "$dir/output.log" | tail -1)
	ok=${ok:-0} ko=${ko:-0}
	# cmocka reports a failed group setup or teardown (a daemon that did not stop cleanly, a
	# sanitizer report in its log) as "[  ERROR   ]" yet still exits 0.
	if grep -q '^\[  ERROR   \]' "$dir/output.log" && [[ $rc == 0 ]]; then
		rc=1
	fi
	if [[ $rc != 0 && $ko == 0 ]]; then
		ko=1 # it died, or failed outside a test case (setup, teardown, sanitizer at exit)
	fi
	passed=$((passed + ok))
	failed=$((failed + ko))
	if [[ $rc == 0 ]]; then
		printf 'PASS %-32s %3d test(s)\n' "$name" "$ok"
		rm -rf "$dir"
	else
		printf 'FAIL %-32s exit %d; logs kept in %s\n' "$name" "$rc" "$dir"
		tail -n 40 "$dir/output.log" | sed 's/^/    /'
	fi
done
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
