#!/bin/sh
# The whole test suite, from a fresh Debian 12 machine (run as root):
# install the dependencies, build with warnings as errors, run `make check`
# (unit tests and integration tests through a real snmpd), then
# `make distcheck`.  CI (.ci/run) runs exactly this.
set -eu
cd "$(dirname "$0")/.."
sh tools/install-deps.sh
# Formatting is pinned by .clang-format; drift fails the run.
clang-format --dry-run --Werror src/*.c src/*.h tests/*.c tests/*.h
autoreconf -fi
./configure --enable-werror
make -j"$(nproc)"
if ! make -j"$(nproc)" check; then
	cat test-suite.log
	exit 1
fi
make distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror

# One closing line: libcheck cases plus integration scripts.
unit=$(sed -n 's/^100%: Checks: \([0-9]*\),.*/\1/p' tests/unit.log)
scripts=$(cat tests/integration/*.trs | grep -c '^:test-result: PASS' || :)
echo "tests: $((unit + scripts)) passed, 0 failed"
