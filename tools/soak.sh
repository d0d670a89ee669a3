#!/bin/bash
# Soak: the daemon under continuous polling for MINUTES (default 10) in a
# private network namespace -- bulk walks of the standard and private
# subtrees, GETs, and allowed SETs of real tunables -- printing its RSS,
# open descriptors and CPU time every 10 s.  Run as root after a build:
#
#   sh tools/soak.sh [MINUTES] [BUILD-DIR]     (default 10, _build/default)
#
# Not part of `make check`: it is a measurement, not a pass/fail test.
if [ -z "${IPSTACK_IN_NETNS:-}" ]; then
	exec unshare -n env IPSTACK_IN_NETNS=1 bash "$0" "$@"
fi
top=$(cd "$(dirname "$0")/.." && pwd)
MINUTES=${1:-10}
BUILD=${2:-$top/_build/default}
export DAEMON="$BUILD/src/ipstack-agentx" TESTS_DATA="$top/tests/data" TESTS_LIB="$top/tests/lib"
[ -x "$DAEMON" ] || { echo "soak: build first ($DAEMON missing)" >&2; exit 1; }
. "$TESTS_LIB/harness.sh"
ip link set lo up

start_snmpd
start_agent /proc "writeAllow tcp_syncookies" "writeAllow tcp_keepalive_time"
wait_for 15 sh -c "snmpget -v2c -c public -m '' -Oqv 127.0.0.1:$PORT 1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0 | grep -q ." ||
	fail "agent did not come up"

E=.1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1.2
SYNC=$E.14.116.99.112.95.115.121.110.99.111.111.107.105.101.115
KEEP=$E.18.116.99.112.95.107.101.101.112.97.108.105.118.101.95.116.105.109.101
end=$((SECONDS + MINUTES * 60))
( n=0
  while [ $SECONDS -lt $end ]; do
	for sub in .1.3.6.1.2.1.4 .1.3.6.1.2.1.5 .1.3.6.1.2.1.6 .1.3.6.1.2.1.7 .1.3.6.1.4.1.8072.9999.9999.1; do
		snmpbulkwalk -v2c -c public -m '' -Cr25 -t 2 -r 1 "127.0.0.1:$PORT" $sub > /dev/null
	done
	snmpget -v2c -c public -m '' -t 2 "127.0.0.1:$PORT" .1.3.6.1.2.1.6.17.0 .1.3.6.1.2.1.4.3.0 > /dev/null
	n=$((n + 1))
	snmpset -v2c -c private -m '' -t 2 "127.0.0.1:$PORT" $SYNC s $((n % 2 + 1)) \
		$KEEP s $((7000 + n % 100)) > /dev/null
  done ) > /dev/null 2>&1 &
POLLER=$!

hz=$(getconf CLK_TCK)
printf '%6s %8s %4s %8s %10s\n' seconds rss_kib fds cpu_s refreshes
while [ $SECONDS -lt $end ]; do
	sleep 10
	rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$AGENT_PID/status")
	fds=$(ls "/proc/$AGENT_PID/fd" | wc -l)
	cpu=$(awk -v hz="$hz" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$AGENT_PID/stat")
	ref=$(snmpget -v2c -c public -m '' -Oqv -t 2 "127.0.0.1:$PORT" .1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0)
	printf '%6d %8d %4d %8s %10s\n' "$SECONDS" "$rss" "$fds" "$cpu" "$ref"
done
wait "$POLLER"
grep -c "SET tcp_syncookies:" "$T/agent.log" | sed 's/^/committed SETs of tcp_syncookies: /'
