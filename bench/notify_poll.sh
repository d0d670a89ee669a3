#!/bin/bash
# What the tunable poll costs the requests an agent answers (bench/README):
# BENCH_LINKS veth pairs (default 100: 200 interfaces, each with its IPv4
# and IPv6 conf and neigh files) in a private network namespace, our daemon
# beside a stock snmpd, a GET of ipForwarding.0 (ours) BENCH_GETS times in
# a row: median, p99 and the slowest, in µs, with notifications off, then
# on with a poll every second (tunablePollInterval 1), and the daemon's CPU
# meanwhile.  Run as root:  sudo bash bench/notify_poll.sh
# Environment: BENCH_LINKS (100), BENCH_GETS (20000), BUILD.
set -euo pipefail
NAME=notify_poll.sh
. "$(dirname "$0")/lib.sh"

LINKS=${BENCH_LINKS:-100}
GETS=${BENCH_GETS:-20000}
README=127.0.0.1:16104
FORWARDING=.1.3.6.1.2.1.4.1.0

for ((i = 0; i < LINKS; i++)); do echo "link add p$i type veth peer name q$i"; done | ip -batch - ||
	die "cannot add $LINKS veth pairs"
files=$(find /proc/sys/net/ipv4 /proc/sys/net/ipv6 -type f -perm /200 | wc -l)
start_snmpd readme "$README"

# measure LABEL [configuration lines]: our daemon with them, GETS GETs.
measure() {
	local label=$1 t0 t1 figures
	shift
	start_ours readme "$README" "$@"
	sleep 3 # the first poll (it only learns) is over
	t0=$(cpu_ticks "$readme_agent_pid") s0=$(date +%s.%N)
	figures=$("$T/get-latency" "$README" "$FORWARDING" "$GETS" max)
	t1=$(cpu_ticks "$readme_agent_pid")
	printf '%-40s %s  (daemon CPU %s ticks of 10 ms in %.1f s)\n' "$label" "$figures" \
		$((t1 - t0)) "$(awk "BEGIN { print $(date +%s.%N) - $s0 }")"
	kill "$readme_agent_pid"
	wait "$readme_agent_pid" 2>/dev/null || :
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

echo "ipstack-agentx tunable poll: $(uname -r), $(nproc) CPUs, $((2 * LINKS)) veth interfaces, $files writable files under /proc/sys/net/ipv4 and ipv6"
echo "GET ipForwarding.0 x $GETS, median p99 max (µs):"
measure "notifications off"
measure "notifications on, a poll every second" 'notifyTunableChanges yes' 'tunablePollInterval 1'
