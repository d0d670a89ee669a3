#!/bin/sh
# Build the libFuzzer targets (clang, ASan+UBSan) in _build/fuzz and run each
# for SECONDS (default 30), seeded from the test fixtures.  Crashes land in
# _build/fuzz/crashes/; turn each into a unit-test case.
#
#   sh tools/fuzz.sh           30 s per target (what CI runs)
#   sh tools/fuzz.sh 3600      an hour per target
set -eu
SECONDS_EACH=${1:-30}
top=$(cd "$(dirname "$0")/.." && pwd)
b="$top/_build/fuzz"
command -v clang > /dev/null || { echo "fuzz.sh: apt-get install clang" >&2; exit 1; }
[ -x "$top/configure" ] || (cd "$top" && autoreconf -fi)
mkdir -p "$b" && cd "$b"
[ -f Makefile ] || CC=clang "$top/configure" --enable-fuzzer --enable-werror > /dev/null
make -j"$(nproc)" tests/fuzz/fuzz_agent tests/fuzz/fuzz_proc tests/fuzz/fuzz_rtnl tests/fuzz/fuzz_sysctl > /dev/null

# Seeds: for fuzz_proc and fuzz_sysctl the first byte picks the layout (0 paired, 1 sockstat, 2 flat) or
# the sysctl row; the rest is a fixture file or a value.
rm -rf corpus-agent corpus-proc corpus-rtnl corpus-sysctl &&
	mkdir -p corpus-agent corpus-proc corpus-rtnl corpus-sysctl crashes
i=0
for f in "$top"/tests/data/*/net/snmp "$top"/tests/data/*/net/netstat; do
	{ printf '\000'; cat "$f"; } > "corpus-proc/p$i"; i=$((i + 1))
done
for f in "$top"/tests/data/*/net/sockstat; do
	{ printf '\001'; cat "$f"; } > "corpus-proc/s$i"; i=$((i + 1))
done
for f in "$top"/tests/data/*/net/snmp6; do
	{ printf '\002'; cat "$f"; } > "corpus-proc/f$i"; i=$((i + 1))
done
i=0
while IFS= read -r v; do
	for row in 0 40 80 120 160 200; do
		{ printf "\\$(printf %o $((row / 256)))\\$(printf %o $((row % 256)))"; printf '%s' "$v"; } \
			> "corpus-sysctl/s$i"; i=$((i + 1))
	done
done < "$top/tests/fuzz/sysctl-seeds.txt"

# fuzz_rtnl: the first byte picks links and addresses (0), neighbours (1) or routes (2).
for k in link addr; do { printf '\000'; cat "$top/tests/data/rtnl/$k.bin"; } > "corpus-rtnl/$k"; done
for k in neigh4 neigh6; do { printf '\001'; cat "$top/tests/data/rtnl/$k.bin"; } > "corpus-rtnl/$k"; done
for k in route4 route6; do { printf '\002'; cat "$top/tests/data/rtnl/$k.bin"; } > "corpus-rtnl/$k"; done

# fuzz_agent writes its own seeds: SNMP PDUs of the hostile-input cases.
IPSTACK_FUZZ_SEEDS=corpus-agent ./tests/fuzz/fuzz_agent

export IPSTACK_FUZZ_PROC_ROOT="$top/tests/data/sysctl"
export IPSTACK_FUZZ_FIXTURE="$top/tests/data/linux-6.18"
# net-snmp's own leaks, named in the suppressions file, are not ours.
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:${LSAN_OPTIONS:-}"
for t in fuzz_agent fuzz_proc fuzz_rtnl fuzz_sysctl; do
	echo "fuzz: $t for ${SECONDS_EACH}s"
	if ! "./tests/fuzz/$t" -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
		-artifact_prefix=crashes/ "corpus-${t#fuzz_}" > "$t.log" 2>&1; then
		tail -n 60 "$t.log"
		echo "fuzz: $t failed; the input is in $b/crashes/" >&2
		exit 1
	fi
	grep -E '^(Done|stat::(number_of_executed_units|new_units_added|peak_rss_mb))' "$t.log"
done
