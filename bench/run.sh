#!/bin/bash
# The connection-table benchmark (see bench/README): native snmpd against
# snmpd + ipstack-agentx (snmpd stripped of its IP modules, and snmpd with
# all of them: the README's deployment) against the AgentX floor, side by
# side, with 1k/10k/100k established loopback connections, half over IPv6.  Run as root:
#   sudo bash bench/run.sh
# Environment: BENCH_COUNTS (default "1000 10000 100000"), BENCH_CAP
# (seconds per cell, default 120), BENCH_LOAD_GETS (sysUpTime GETs idle and
# under a walk, default 20000), BENCH_GETS (GETs per latency cell,
# default 2000), BUILD (build directory, default _build/default).
set -euo pipefail
NAME=run.sh
. "$(dirname "$0")/lib.sh"

COUNTS=${BENCH_COUNTS:-1000 10000 100000}
GETS=${BENCH_GETS:-2000}

# The namespace is ours: a wide port range, many descriptors.
max=0
for n in $COUNTS; do [ "$n" -gt "$max" ] && max=$n; done
echo "1024 65000" > /proc/sys/net/ipv4/ip_local_port_range
# As many descriptors as allowed; hold_conns.py spreads the connections
# over processes when one cannot hold them all (no CAP_SYS_RESOURCE).
ulimit -n $((2 * max + 10000)) 2> /dev/null || ulimit -n "$(ulimit -Hn)"

# Fixed ports: nothing else lives in this namespace.
NATIVE=127.0.0.1:16101 OURS=127.0.0.1:16102 FLOOR=127.0.0.1:16103 README=127.0.0.1:16104
DLMOD=127.0.0.1:16105
ALL_IP_MODULES=ip,ip_scalars,icmp,tcp,udp,tcpTable,udpTable,tcpConnectionTable,tcpListenerTable,udpEndpointTable,ipSystemStatsTable
# row LABEL TOOL OID [BARE_SECONDS BARE_VARBINDS]: one line of the table.
# The floor answers as many varbinds as ours did, with the same tool; where
# snmpd beside us answers some of the subtree itself (BARE: the walk before
# our daemon registered), the floor is that walk plus the floor agent
# answering the rest.  "readme" is our daemon beside a stock snmpd with
# all its modules, compared with the same floor.
row() {
	local label=$1 tool=$2 oid=$3 bare_t=${4:-0} bare_n=${5:-0} nt nn ot on rt rn dt dn ft fn
	read -r nt nn <<< "$(timed "$tool" "$NATIVE" "$oid")"
	read -r ot on <<< "$(timed "$tool" "$OURS" "$oid")"
	read -r rt rn <<< "$(timed "$tool" "$README" "$oid")"
	read -r dt dn <<< "$(timed "$tool" "$DLMOD" "$oid")"
	if [ "$ot" = cap ]; then
		ft=cap
	elif [ "$on" -le "$bare_n" ]; then
		ft=$bare_t
	else
		floor_rows $((on - bare_n))
		read -r ft fn <<< "$(timed "$tool" "$FLOOR" "$FLOOR_OID")"
		# Both walks paid one process start and one request: count it once.
		ft=$(awk "BEGIN { print $ft + $bare_t - $empty_t }")
	fi
	printf '%-34s %9s %8s %9s %8s %8s %9s %8s %9s %8s %8s %9s %8s %8s\n' "$label" "$(fmt_t "$nt")" \
		"$nn" "$(fmt_t "$ot")" "$on" "$(ratio "$nt" "$ot")" "$(fmt_t "$ft")" "$(ratio "$ot" "$ft")" \
		"$(fmt_t "$rt")" "$rn" "$(ratio "$rt" "$ft")" "$(fmt_t "$dt")" "$dn" "$(ratio "$dt" "$nt")"
}

header() {
	printf '\n%-34s %9s %8s %9s %8s %8s %9s %8s %9s %8s %8s %9s %8s %8s\n' "$1" native varbinds \
		ours varbinds "nat/ours" floor "ours/fl" readme varbinds "rd/fl" dlmod varbinds "dl/nat"
}

start_snmpd native "$NATIVE"
start_snmpd ours "$OURS" -I "-$ALL_IP_MODULES"
start_snmpd floor "$FLOOR" -I "-$ALL_IP_MODULES"
start_snmpd readme "$README"
# The module inside a stock snmpd (no configuration file: /proc, defaults).
SNMPCONFPATH="$T/none" EXTRA_CONF="dlmod ipstack $BUILD/src/ipstack.so" start_snmpd dlmod "$DLMOD"
# The cost of a walk that finds nothing: a process start and one request.
read -r empty_t _ <<< "$(timed snmpbulkwalk "$FLOOR" "$FLOOR_OID")"
declare -A bare_t bare_n
for sub in 4 5 6 7; do
	read -r "bare_t[$sub]" "bare_n[$sub]" <<< "$(timed snmpbulkwalk "$OURS" ".1.3.6.1.2.1.$sub")"
done
start_ours ours "$OURS"
start_ours readme "$README"

echo "ipstack-agentx benchmark: $(uname -r), $(nproc) CPUs, snmpd $("$SNMPD" -v | sed -n 's/^NET-SNMP version: *//p'), cap ${CAP} s per cell"
echo "times in seconds; nat/ours = native time / our time; ours/fl = our time / the floor's;"
echo "readme: ours beside a stock snmpd with all its modules (the README's deployment); rd/fl = its time / the floor's"
echo "dlmod: the module inside a stock snmpd; dl/nat = its time / native snmpd's"
echo "idle VmHWM (KiB): ipstack-agentx $(hwm "$ours_agent_pid"), snmpd native $(hwm "$native_pid"), snmpd readme $(hwm "$readme_pid")"

header "bulkwalk, no load"
for sub in 4 5 6 7; do
	row "snmpbulkwalk 1.3.6.1.2.1.$sub" snmpbulkwalk ".1.3.6.1.2.1.$sub" \
		"${bare_t[$sub]}" "${bare_n[$sub]}"
done
stale_after=$(($(date +%s) + 61))

header "GET ipDefaultTTL.0, µs"
latency() { "$T/get-latency" "$@" "$GETS" || die "GET latency of $2 at $1 not measured"; }
read -r nm np <<< "$(latency "$NATIVE" .1.3.6.1.2.1.4.2.0)"
read -r om op <<< "$(latency "$OURS" .1.3.6.1.2.1.4.2.0)"
floor_rows 1
read -r fm fp <<< "$(latency "$FLOOR" "$FLOOR_OID.1")"
read -r rm rp <<< "$(latency "$README" .1.3.6.1.2.1.4.2.0)"
read -r dm dp <<< "$(latency "$DLMOD" .1.3.6.1.2.1.4.2.0)"
printf '%-34s %9s %8s %9s %8s %8s %9s %8s %9s %8s %8s %9s %8s %8s\n' "median of $GETS" "$nm" - "$om" - \
	"$(ratio "$nm" "$om")" "$fm" "$(ratio "$om" "$fm")" "$rm" - "$(ratio "$rm" "$fm")" "$dm" - \
	"$(ratio "$dm" "$nm")"
printf '%-34s %9s %8s %9s %8s %8s %9s %8s %9s %8s %8s %9s %8s %8s\n' "p99 of $GETS" "$np" - "$op" - \
	"$(ratio "$np" "$op")" "$fp" "$(ratio "$op" "$fp")" "$rp" - "$(ratio "$rp" "$fp")" "$dp" - \
	"$(ratio "$dp" "$np")"

# sysUpTime.0 (snmpd's own object) while a client bulk-walks
# tcpConnectionTable without pause: a table refresh that ran in the request
# path would stall every request of that snmpd, the module's included.
LOAD_GETS=${BENCH_LOAD_GETS:-20000}
uptime_p99() { GETS=$LOAD_GETS latency "$1" .1.3.6.1.2.1.1.3.0 | cut -d' ' -f2; }
uptime_p99_walking() { # ADDRESS
	local walker p
	(while :; do snmpbulkwalk "${Q[@]}" "$1" .1.3.6.1.2.1.6.19 > /dev/null 2>&1; done) &
	walker=$!
	sleep 1
	p=$(uptime_p99 "$1")
	pkill -P "$walker" 2> /dev/null || :
	kill "$walker" 2> /dev/null || :
	wait "$walker" 2> /dev/null || :
	echo "$p"
}
idle_native=$(uptime_p99 "$NATIVE") idle_dlmod=$(uptime_p99 "$DLMOD")

python3 "$top/bench/hold_conns.py" "$T/hold.status" $COUNTS &
PIDS+=($!)
hold_pid=$!
for n in $COUNTS; do
	for _ in $(seq 6000); do
		[ "$(cat "$T/hold.status" 2>/dev/null)" = "$n" ] && break
		kill -0 "$hold_pid" 2> /dev/null || die "could not establish $n connections"
		sleep 0.1
	done
	[ "$(cat "$T/hold.status" 2>/dev/null)" = "$n" ] || die "$n connections not established in 600 s"
	# snmpd caches its tables for up to 60 s (nsCacheTimeout): wait until
	# whatever it loaded before this count has expired.
	while [ "$(date +%s)" -lt "$stale_after" ]; do sleep 1; done
	header "$n established connections"
	row "snmpbulkwalk tcpConnectionTable" snmpbulkwalk .1.3.6.1.2.1.6.19
	row "snmpwalk tcpConnectionTable" snmpwalk .1.3.6.1.2.1.6.19
	row "snmpbulkwalk tcpConnTable" snmpbulkwalk .1.3.6.1.2.1.6.13
	row "snmpwalk tcpConnTable" snmpwalk .1.3.6.1.2.1.6.13
	load_native=$(uptime_p99_walking "$NATIVE") load_dlmod=$(uptime_p99_walking "$DLMOD")
	echo "sysUpTime.0 p99 of $LOAD_GETS GETs (µs), idle -> while tcpConnectionTable is bulk-walked:" \
		"native $idle_native -> $load_native ($(ratio "$load_native" "$idle_native")x)," \
		"dlmod $idle_dlmod -> $load_dlmod ($(ratio "$load_dlmod" "$idle_dlmod")x)"
	echo "VmHWM (KiB): ipstack-agentx $(hwm "$ours_agent_pid"), snmpd native $(hwm "$native_pid"), snmpd beside us $(hwm "$ours_pid"); readme: ipstack-agentx $(hwm "$readme_agent_pid"), its snmpd $(hwm "$readme_pid"); snmpd with the module $(hwm "$dlmod_pid")"
	stale_after=$(($(date +%s) + 61))
	rm -f "$T/hold.status"
	kill -USR1 "$hold_pid"
done
