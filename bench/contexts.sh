#!/bin/bash
# The network-namespace benchmark (bench/README): N namespaces (default
# 100) served as SNMP contexts by one daemon, in a private network and
# mount namespace.  Prints
#   - the time from the daemon's start until every context answers,
#   - the daemon's peak RSS after one bulk walk of .4-.7 of every context,
#   - a bulk walk of .4-.7 of one context with N namespaces served against
#     the same walk with that namespace alone (median of BENCH_RUNS).
# Run as root:  sudo bash bench/contexts.sh
# Environment: BENCH_NAMESPACES (100), BENCH_RUNS (5), BUILD
# (_build/default).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${IPSTACK_BENCH_NS:-}" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "bench/contexts.sh: run as root: it works in private namespaces (unshare -nm)" >&2
		exit 2
	fi
	exec unshare -n -m --propagation private env IPSTACK_BENCH_NS=1 bash "$0" "$@"
fi

N=${BENCH_NAMESPACES:-100}
RUNS=${BENCH_RUNS:-5}
BUILD=${BUILD:-$top/_build/default}
DAEMON=$BUILD/src/ipstack-agentx
SNMPD=${SNMPD:-/usr/sbin/snmpd}
[ -x "$DAEMON" ] || {
	echo "bench/contexts.sh: no $DAEMON; build first (README) or set BUILD" >&2
	exit 2
}

T=$(mktemp -d /tmp/ipstack-bench-ctx.XXXXXX)
NS=$T/netns
PIDS=()
cleanup() {
	[ ${#PIDS[@]} -gt 0 ] && kill "${PIDS[@]}" 2>/dev/null
	wait 2>/dev/null
	umount -ql "$NS"/* 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT
die() {
	echo "bench/contexts.sh: $*" >&2
	exit 1
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

ip link set lo up
mkdir "$NS"
for i in $(seq -w 1 "$N"); do
	touch "$NS/ns$i"
	unshare --net="$NS/ns$i" true
done
nsenter --net="$NS/ns001" ip link set lo up

PORT=$((20000 + RANDOM % 20000))
cat >"$T/snmpd.conf" <<CONF
master agentx
agentXSocket $T/agentx.sock
agentXPerms 0600 0700
createUser bench
group benchers usm bench
view every included .1
access benchers "" usm noauth prefix every none none
CONF
MIBS= SNMP_PERSISTENT_DIR="$T/persist" "$SNMPD" -f -C -c "$T/snmpd.conf" -Lf "$T/snmpd.log" \
	udp:127.0.0.1:$PORT &
PIDS+=($!)
V3=(-v3 -l noAuthNoPriv -u bench -m '' -On -r 0)
for _ in $(seq 100); do
	snmpget "${V3[@]}" -t 0.2 "127.0.0.1:$PORT" .1.3.6.1.2.1.1.3.0 >/dev/null 2>&1 && break
	sleep 0.1
done
[ -S "$T/agentx.sock" ] || die "snmpd did not start"

# start_daemon CONTEXTS: the daemon serving netnsContexts CONTEXTS; its pid in $AGENT.
start_daemon() {
	printf 'netnsDir %s\nnetnsContexts %s\ncacheLifetime 1\n' "$NS" "$1" >"$T/agent.conf"
	chmod 0644 "$T/agent.conf"
	"$DAEMON" -f -Lf "$T/agent.log" -x "$T/agentx.sock" -c "$T/agent.conf" &
	AGENT=$!
	PIDS+=($AGENT)
}
answers() { snmpget "${V3[@]}" -t 0.05 -n "$1" "127.0.0.1:$PORT" .1.3.6.1.2.1.4.3.0 2>/dev/null | grep -q Counter; }
stop_daemon() {
	kill "$AGENT"
	wait "$AGENT" 2>/dev/null || true
}
# walk_ms CONTEXT: one bulk walk of .4-.7 in CONTEXT, milliseconds.
walk_ms() {
	local t0 lines
	t0=$(now_ms)
	lines=$(snmpbulkwalk "${V3[@]}" -t 5 -Cr25 -n "$1" "127.0.0.1:$PORT" .1.3.6.1.2.1.4 2>&1 | wc -l)
	lines=$((lines + $(for g in 5 6 7; do
		snmpbulkwalk "${V3[@]}" -t 5 -Cr25 -n "$1" "127.0.0.1:$PORT" .1.3.6.1.2.1.$g 2>&1
	done | wc -l)))
	[ "$lines" -gt 100 ] || die "walk of $1 returned $lines lines"
	echo $(($(now_ms) - t0))
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# 1. All N contexts: time to the last one answering.
t0=$(now_ms)
start_daemon all
last=ns$(printf '%03d' "$N")
for _ in $(seq 600); do answers "$last" && break; sleep 0.05; done
answers "$last" || die "context $last never answered"
ready=$(($(now_ms) - t0))
missing=0
for i in $(seq -w 1 "$N"); do answers "ns$i" || missing=$((missing + 1)); done

# 2. One walk of every context, then the peak RSS.
rss0=$(awk '/^VmRSS/ { print $2 }' "/proc/$AGENT/status")
for i in $(seq -w 1 "$N"); do walk_ms "ns$i" >/dev/null; done
hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$AGENT/status")

# 3. A walk of ns001 among N, then alone.
many=$(for _ in $(seq "$RUNS"); do walk_ms ns001; done | median)
stop_daemon
start_daemon ns001
for _ in $(seq 200); do answers ns001 && break; sleep 0.05; done
one=$(for _ in $(seq "$RUNS"); do walk_ms ns001; done | median)
stop_daemon

echo "namespaces                          $N"
echo "all contexts answering after        $ready ms (not answering at the end: $missing)"
echo "daemon RSS before walks             $((rss0 / 1024)) MiB"
echo "daemon peak RSS after walking all   $((hwm / 1024)) MiB ($hwm KiB)"
echo "bulk walk of .4-.7 in one context   $many ms with $N served, $one ms alone: $(awk -v a="$many" -v b="$one" 'BEGIN { printf "%.2fx", a / b }')"
