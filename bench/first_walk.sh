#!/bin/bash
# The first walk after a quiet spell (bench/README): a bulk walk of
# 1.3.6.1.2.1.6 (TCP-MIB, no connections) each time the connection tables'
# rows have expired, so that it waits for a build -- what every Nagios
# check or Prometheus scrape of a quiet host pays.  Native snmpd (its own
# modules) against snmpd with our module, in one run, in a private network
# namespace.  Prints the median and the 90th percentile of each, and the
# target: the module within 1.1 x native + 2 ms.  Each walk is timed in one
# client process (walk_latency.c): process start-up is not measured.  Run
# as root:
#   sudo bash bench/first_walk.sh
# Environment: BENCH_WALKS (default 41), BUILD (default _build/default).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${IPSTACK_BENCH_NS:-}" ]; then
	[ "$(id -u)" = 0 ] || { echo "bench/first_walk.sh: run as root" >&2; exit 2; }
	exec unshare -n env IPSTACK_BENCH_NS=1 bash "$0" "$@"
fi
WALKS=${BENCH_WALKS:-41}
BUILD=${BUILD:-$top/_build/default}
MODULE=$BUILD/src/ipstack.so
[ -f "$MODULE" ] || { echo "bench/first_walk.sh: no $MODULE; build first" >&2; exit 2; }
T=$(mktemp -d /tmp/ipstack-bench.XXXXXX)
trap 'kill $(cat "$T"/*.pid 2>/dev/null) 2>/dev/null; rm -rf "$T"' EXIT
ip link set lo up

# snmpd NAME PORT [CONF LINES]: an snmpd of its own on 127.0.0.1:PORT.
snmpd_on() {
	local name=$1 port=$2
	shift 2
	mkdir -p "$T/$name"
	printf '%s\n' "rocommunity public 127.0.0.1" "$@" > "$T/$name/snmpd.conf"
	echo "cacheLifetime ${BENCH_LIFETIME:-1}" > "$T/$name/ipstack-agentx.conf"
	MIBS= SNMPCONFPATH="$T/$name" SNMP_PERSISTENT_DIR="$T/$name" /usr/sbin/snmpd -C \
		-c "$T/$name/snmpd.conf" -Lf "$T/$name/log" -p "$T/$name.pid" "udp:127.0.0.1:$port"
	for _ in $(seq 50); do
		snmpget -v2c -c public -m '' -t 0.2 -r 0 "127.0.0.1:$port" 1.3.6.1.2.1.1.3.0 > /dev/null 2>&1 &&
			return 0
		sleep 0.1
	done
	echo "bench/first_walk.sh: snmpd $name did not start" >&2
	exit 1
}
snmpd_on native 16101
snmpd_on module 16102 "dlmod ipstack $MODULE"
grep -q "ipstack: module loaded" "$T/module/log" || { echo "module not loaded" >&2; exit 1; }

gcc -O2 -o "$T/walk-latency" "$top/bench/walk_latency.c" $(pkg-config --cflags --libs netsnmp)
# The two alternate, walk by walk, so that both see the same machine.
: > "$T/native.us"
: > "$T/module.us"
pause=$(awk -v s="${BENCH_QUIET:-2.2}" 'BEGIN { print int(s * 1000) }')
for _ in $(seq "$WALKS"); do
	"$T/walk-latency" 127.0.0.1:16101 1.3.6.1.2.1.6 1 "$pause" >> "$T/native.us"
	"$T/walk-latency" 127.0.0.1:16102 1.3.6.1.2.1.6 1 "$pause" >> "$T/module.us"
done
stat() { cut -d' ' -f1 "$1" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f", v[int((NR + 1) / 2)] / 1000, v[int(NR * 0.9 + 0.5)] / 1000 }'; }
read -r nat nat90 <<<"$(stat "$T/native.us")"
read -r mod mod90 <<<"$(stat "$T/module.us")"
awk -v n="$nat" -v m="$mod" -v n9="$nat90" -v m9="$mod90" -v w="$WALKS" 'BEGIN {
	printf "first bulk walk of .6 after a quiet spell, %d walks each (ms): native median %.2f p90 %.2f; module median %.2f p90 %.2f\n", w, n, n9, m, m9
	printf "module / native: %.2fx; target 1.1 x native + 2 ms = %.2f ms: %s\n", m / n, 1.1 * n + 2, m <= 1.1 * n + 2 ? "met" : "NOT met"
}'
