#!/bin/sh
# Everything, from a fresh Debian 12 machine (run as root); CI (.ci/run)
# runs exactly this:
#   1. install the dependencies (tools/install-deps.sh);
#   2. formatting check (clang-format, pinned by .clang-format);
#   3. build with warnings as errors and run `make check` (unit tests and
#      integration tests through a real snmpd) in _build/default, again
#      with IPSTACK_MODE=dlmod for the tests of what differs inside snmpd
#      (reloads, SETs, notifications, routes, contexts), then `make
#      distcheck` (the unit suites and two integration tests from the
#      tarball);
#   4. both passes of `make check` in an ASan+UBSan build (_build/asan),
#      the dlmod one with every integration test: the module's whole suite
#      runs there;
#   5. the unit suites under valgrind (CK_FORK=no, leaks are errors);
#   6. each libFuzzer target for 30 s (tools/fuzz.sh);
#   7. a build without libcheck: the daemon builds, make check skips the
#      unit tests and says so;
#   8. the Debian package (tools/deb.sh): built from the release tarball,
#      lintian-checked, then installed, queried and purged in a scratch
#      copy of this machine (an installed ipstack-agentx is never touched).
# Every stage runs whatever the others did; the last line counts every
# libcheck case, integration script (each pass) and other stage:
#   tests: N passed, M failed, K skipped
# and the exit status is 1 if anything failed; each stage says how many
# seconds it took.  The log of what failed is
# printed where it failed.  During development, `make check` in a build
# directory is the fast loop.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc)
passed=0 failed=0 skipped=0 failures=

# count_check DIR LABEL: add DIR's last make check to the counts: each
# libcheck case of tests/unit, each other test script (PASS, SKIP, FAIL).
count_check() {
	dir=$1 label=$2
	for trs in "$dir"/tests/*.trs "$dir"/tests/integration/*.trs; do
		[ -f "$trs" ] || continue
		result=$(sed -n 's/^:test-result: //p' "$trs")
		name=${trs#"$dir"/}
		name=${name%.trs}
		if [ "$name" = tests/unit ] && [ "$result" != SKIP ]; then
			# "99%: Checks: 195, Failures: 1, Errors: 0"
			set -- $(sed -n 's/^[0-9]*%: Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p' \
				"$dir/tests/unit.log")
			if [ $# -eq 3 ]; then
				passed=$((passed + $1 - $2 - $3))
				[ $(($2 + $3)) -eq 0 ] || { failed=$((failed + $2 + $3)); failures="$failures $label:unit"; }
				continue
			fi
			result=FAIL # it did not get as far as its summary
		fi
		case $result in
		PASS | XFAIL) passed=$((passed + 1)) ;;
		SKIP) skipped=$((skipped + 1)) ;;
		*) failed=$((failed + 1)) failures="$failures $label:$name" ;;
		esac
	done
}

# stage NAME COMMAND...: one more check, passed when COMMAND succeeds.
stage() {
	name=$1
	shift
	echo "== $name"
	started=$(date +%s)
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures="$failures $name"
		echo "FAIL: stage $name"
	fi
	echo "   ($name: $(($(date +%s) - started)) s)"
}

# make_check DIR LABEL [MAKE ARGS...]: make check in DIR, counted; the
# suite's log when anything failed.
make_check() {
	dir=$1 label=$2
	shift 2
	started=$(date +%s)
	rm -f "$dir"/tests/*.trs "$dir"/tests/integration/*.trs
	(cd "$dir" && make -j"$jobs" check "$@") || cat "$dir/test-suite.log"
	count_check "$dir" "$label"
	echo "   (make check, $label: $(($(date +%s) - started)) s)"
}

# build DIR CONFIGURE-ARGS...: configure and build in DIR.
build() {
	dir=$1
	shift
	mkdir -p "$dir"
	(cd "$dir" && "$top/configure" "$@" > configure.log && make -j"$jobs" > build.log 2>&1) ||
		{ tail -n 30 "$dir/configure.log" "$dir/build.log"; return 1; }
}

integration_only='TESTS=$(INTEGRATION_TESTS)'
dlmod_tests="TESTS=$(printf 'tests/integration/%s.sh ' serve config sysctl persist notify routes contexts)"

stage dependencies sh tools/install-deps.sh
stage formatting clang-format --dry-run --Werror src/*.c src/*/*.c src/*/*.h tests/*.c tests/*.h \
	tests/fuzz/*.c bench/*.c
stage autoreconf autoreconf -fi

if stage "default build" build _build/default --enable-werror --enable-test-hooks; then
	echo "== make check"
	make_check _build/default default
	# The module uninstrumented: the tests of what differs inside snmpd.
	# The whole suite runs through the module in the ASan build below (CI
	# stays well inside its time limit that way).
	echo "== make check IPSTACK_MODE=dlmod (the module's own tests)"
	make_check _build/default dlmod IPSTACK_MODE=dlmod "$dlmod_tests"
	# The tarball: it builds, installs and uninstalls, and from it the unit
	# suites and two integration tests run (each test already ran above on
	# this tree: another full pass would say nothing new).
	distcheck() {
		(cd _build/default && make -j"$jobs" distcheck \
			DISTCHECK_CONFIGURE_FLAGS="--enable-werror --enable-test-hooks" \
			TESTS="tests/unit tests/layering.sh tests/integration/serve.sh tests/integration/mib.sh" \
			> distcheck.log 2>&1) || {
			tail -n 50 _build/default/distcheck.log
			cat _build/default/ipstack-agentx-*/_build/sub/test-suite.log 2> /dev/null
			return 1
		}
	}
	stage distcheck distcheck
	valgrind_units() {
		(cd _build/default && TESTS_DATA="$top/tests/data" CK_FORK=no valgrind -q \
			--error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
			./tests/unit > valgrind.log 2>&1) || { tail -n 40 _build/default/valgrind.log; return 1; }
	}
	stage "unit suites under valgrind" valgrind_units
fi

if stage "ASan + UBSan build" build _build/asan --enable-werror --enable-test-hooks \
	--enable-sanitizers CFLAGS="-g -O1"; then
	echo "== make check, ASan + UBSan"
	make_check _build/asan asan
	echo "== make check IPSTACK_MODE=dlmod, ASan + UBSan"
	make_check _build/asan asan-dlmod IPSTACK_MODE=dlmod "$integration_only"
fi

stage fuzzing sh tools/fuzz.sh 30

without_check() {
	mkdir -p _build/nocheck
	printf '#!/bin/sh\nfor a; do [ "$a" = check ] && exit 1; done\nexec pkg-config "$@"\n' \
		> _build/nocheck/pkg-config-without-check
	chmod +x _build/nocheck/pkg-config-without-check
	(cd _build/nocheck && PKG_CONFIG="$PWD/pkg-config-without-check" "$top/configure" \
		--enable-werror > configure.log 2>&1 &&
		grep -q 'make check will skip the unit tests' configure.log &&
		make -j"$jobs" > build.log && test -x src/ipstack-agentx &&
		make check TESTS=tests/no-unit.sh > check.log 2>&1 && grep -q '^SKIP: tests/no-unit.sh' check.log) ||
		{ echo "the build without libcheck failed"; tail -n 20 _build/nocheck/*.log; return 1; }
}
stage "build without libcheck" without_check

if [ -f _build/default/Makefile ]; then
	stage "Debian package" sh tools/deb.sh
else
	stage "Debian package" false
fi

[ -z "$failures" ] || echo "failed:$failures"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
