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
export TK_SANITIZE=${SANITIZE:-0}
if [[ $TK_SANITIZE == 1 ]]; then
	# freeDiameterd is not instrumented: the daemons get the runtime preloaded (tests/harness).
	TK_ASAN_RUNTIME=$(${CC:-gcc} -print-file-name=libasan.so)
	export TK_ASAN_RUNTIME
	export ASAN_OPTIONS=abort_on_error=0:detect_leaks=1:print_summary=1
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
