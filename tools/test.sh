#!/bin/sh
# Everything, from a fresh Debian 12 machine (run as root); CI (.ci/run)
# runs exactly this:
#   1. install the dependencies (tools/install-deps.sh);
#   2. formatting check (clang-format, pinned by .clang-format);
#   3. build with warnings as errors and run `make check` (unit tests and
#      integration tests through a real snmpd) in _build/default, again
#      with IPSTACK_MODE=dlmod (the integration tests through our module
#      loaded into snmpd), then `make distcheck`;
#   4. both passes of `make check` in an ASan+UBSan build (_build/asan);
#   5. the unit suites under valgrind (CK_FORK=no, leaks are errors);
#   6. each libFuzzer target for 30 s (tools/fuzz.sh);
#   7. a build without libcheck: the daemon builds, make check skips the
#      unit tests and says so;
#   8. the Debian package (tools/deb.sh): built from the release tarball,
#      lintian-checked, installed, one GET through snmpd, purged.
# During development, `make check` in a build directory is the fast loop.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc)

sh tools/install-deps.sh
clang-format --dry-run --Werror src/*.c src/*/*.c src/*/*.h tests/*.c tests/*.h tests/fuzz/*.c bench/*.c
autoreconf -fi

make_check() { # [MAKE ARGS...]: make check here; its log on failure
	make -j"$jobs" check "$@" || { cat test-suite.log; exit 1; }
}

check() { # DIR CONFIGURE-ARGS...: configure, build, make check
	dir=$1
	shift
	mkdir -p "$dir"
	(cd "$dir" && "$top/configure" "$@" > configure.log && make -j"$jobs" > build.log && make_check)
}

# passed DIR: the integration scripts that passed in DIR's last make check
passed() { cat "$1"/tests/integration/*.trs | grep -c '^:test-result: PASS' || :; }

dlmod_pass() { # DIR: make check again, through the module in snmpd
	(cd "$1" && make_check IPSTACK_MODE=dlmod TESTS='$(INTEGRATION_TESTS)')
}

echo "== make check"
check _build/default --enable-werror --enable-test-hooks
agentx_passed=$(passed _build/default)
echo "== make check IPSTACK_MODE=dlmod"
dlmod_pass _build/default
dlmod_passed=$(passed _build/default)
(cd _build/default &&
	make distcheck DISTCHECK_CONFIGURE_FLAGS="--enable-werror --enable-test-hooks" > distcheck.log) ||
	{ tail -n 50 _build/default/distcheck.log; exit 1; }

echo "== make check, ASan + UBSan"
check _build/asan --enable-werror --enable-test-hooks --enable-sanitizers CFLAGS="-g -O1"
echo "== make check IPSTACK_MODE=dlmod, ASan + UBSan"
dlmod_pass _build/asan

echo "== unit suites under valgrind"
(cd _build/default && TESTS_DATA="$top/tests/data" CK_FORK=no valgrind -q --error-exitcode=99 \
	--leak-check=full --errors-for-leak-kinds=definite,indirect ./tests/unit)

echo "== fuzzing"
sh tools/fuzz.sh 30

echo "== without libcheck"
mkdir -p _build/nocheck
printf '#!/bin/sh\nfor a; do [ "$a" = check ] && exit 1; done\nexec pkg-config "$@"\n' \
	> _build/nocheck/pkg-config-without-check
chmod +x _build/nocheck/pkg-config-without-check
(cd _build/nocheck && PKG_CONFIG="$PWD/pkg-config-without-check" "$top/configure" \
	--enable-werror > configure.log 2>&1 && grep -q 'make check will skip the unit tests' configure.log &&
	make -j"$jobs" > build.log && test -x src/ipstack-agentx &&
	make check TESTS=tests/no-unit.sh > check.log 2>&1 && grep -q '^SKIP: tests/no-unit.sh' check.log) ||
	{ echo "the build without libcheck failed"; tail -n 20 _build/nocheck/*.log; exit 1; }

echo "== Debian package"
sh tools/deb.sh

# One closing line: libcheck cases plus integration scripts (both passes)
# and the layering check, default build.
unit=$(sed -n 's/^100%: Checks: \([0-9]*\),.*/\1/p' _build/default/tests/unit.log)
layering=$(grep -c '^:test-result: PASS' _build/default/tests/layering.trs || :)
echo "tests: $((unit + layering + agentx_passed + dlmod_passed)) passed, 0 failed" \
	"($unit unit checks, $agentx_passed integration scripts through the daemon," \
	"$dlmod_passed through the module, layering)"
