#!/bin/bash
# The route tables benchmark (bench/README): native snmpd against our
# daemon beside a stock snmpd and the AgentX floor, and our module inside
# snmpd against the in-process floor, with BENCH_ROUTES IPv4 routes (/24s
# through one router) in the main table of a private namespace.  Run as root:
#   sudo bash bench/routes.sh                    # 100000 routes
#   sudo BENCH_ROUTES=1000000 BENCH_WALK=.1.3.6.1.2.1.4.24.7.1.7 bash bench/routes.sh
# Environment: BENCH_ROUTES (100000), BENCH_WALK (what is walked: all of
# inetCidrRouteTable; at a million routes its eleven million varbinds take
# the AgentX path a quarter of an hour, one column a minute), BENCH_CAP (seconds per cell, 600;
# native snmpd's cells BENCH_NATIVE_CAP, 120),
# BENCH_GETS (GETs for the latency figures, 2000), BENCH_IDLE (seconds of
# idle CPU measured, 30), BUILD.
set -euo pipefail
NAME=routes.sh
BENCH_CAP=${BENCH_CAP:-600}
. "$(dirname "$0")/lib.sh"

ROUTES=${BENCH_ROUTES:-100000}
GETS=${BENCH_GETS:-2000}
IDLE=${BENCH_IDLE:-30}
NCAP=${BENCH_NATIVE_CAP:-120}
NATIVE=127.0.0.1:16101 FLOOR=127.0.0.1:16103 README=127.0.0.1:16104 DLMOD=127.0.0.1:16105
NUMBER=.1.3.6.1.2.1.4.24.6.0 TABLE=${BENCH_WALK:-.1.3.6.1.2.1.4.24.7}

# routes FROM TO: /24s 16.0.0.0 onwards through 10.0.0.2.
routes() {
	local i
	for ((i = $1; i < $2; i++)); do
		echo "route add $((16 + (i >> 16))).$((i >> 8 & 255)).$((i & 255)).0/24 via 10.0.0.2"
	done | ip -batch - || die "cannot add routes $1..$2"
}

# cold ADDRESS: seconds of the first GET of inetCidrRouteNumber.0 (the build).
cold() {
	local t0 t1 out
	t0=$(date +%s.%N)
	out=$(timeout "$CAP" snmpget "${Q[@]}" -t "$CAP" "$1" "$NUMBER" 2>&1) || {
		echo cap
		return
	}
	t1=$(date +%s.%N)
	case $out in *Gauge32*) ;; *) die "GET $NUMBER at $1: $out" ;; esac
	awk "BEGIN { print $t1 - $t0 }"
}
number() { snmpget "${Q[@]}" "$1" "$NUMBER" | sed -n 's/.*Gauge32: //p'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

ip link add v0 type veth peer name v1
ip link set v0 up && ip link set v1 up
ip addr add 10.0.0.1/24 dev v0
t0=$(date +%s.%N)
routes 0 "$ROUTES"
added=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $t0 }")
kernel=$(ip -4 route show table main | wc -l)
# the snapshots' memory, before any agent runs: four builds into two
gcc -O2 -o "$T/route-builds" "$top/bench/route_builds.c" -I"$top/src/rtnl" -I"$top/src/table" \
	-I"$top/src/util" -I"$BUILD" "$BUILD/src/libipstack-core.a" \
	$(pkg-config --libs libnl-route-3.0 libnl-3.0) || die "cannot build route_builds.c"
builds=$("$T/route-builds") || die "route-builds failed"
start_snmpd native "$NATIVE"
start_snmpd floor "$FLOOR"
start_snmpd readme "$README"
SNMPCONFPATH="$T/none" EXTRA_CONF="dlmod ipstack $BUILD/src/ipstack.so" start_snmpd dlmod "$DLMOD"
start_ours readme "$README"

echo "ipstack-agentx route tables: $(uname -r), $(nproc) CPUs, snmpd $("$SNMPD" -v | sed -n 's/^NET-SNMP version: *//p'), cap ${CAP} s per cell"
echo "$ROUTES routes added in $added s; the main table holds $kernel IPv4 routes"
echo "route snapshots alone (bench/route_builds.c): $builds"
echo
printf '%-44s %9s %9s %9s\n' "first GET of inetCidrRouteNumber.0, s" native ours dlmod
# native snmpd goes last in each figure: past a cap it goes on computing
rc=$(cold "$README") dc=$(cold "$DLMOD") nc=$(CAP=$NCAP cold "$NATIVE")
printf '%-44s %9s %9s %9s\n' "" "$(CAP=$NCAP fmt_t "$nc")" "$(fmt_t "$rc")" "$(fmt_t "$dc")"
stop_snmpd native
start_snmpd native "$NATIVE"
n_ours=$(number "$README") n_dl=$(number "$DLMOD")
echo "inetCidrRouteNumber: ipstack-agentx $n_ours, the module $n_dl (the kernel: $kernel IPv4 routes and the IPv6 ones)"
read -r med99 <<< "$("$T/get-latency" "$README" "$NUMBER" "$GETS")"
read -r dmed99 <<< "$("$T/get-latency" "$DLMOD" "$NUMBER" "$GETS")"
echo "GET inetCidrRouteNumber.0 once built, median and p99 of $GETS (µs): ipstack-agentx $med99, the module $dmed99"
one=".1.3.6.1.2.1.4.24.7.1.7.1.4.$((16 + ((ROUTES / 2) >> 16))).$(((ROUTES / 2) >> 8 & 255)).$(((ROUTES / 2) & 255)).0.24.2.0.0.1.4.10.0.0.2"
read -r omed99 <<< "$("$T/get-latency" "$README" "$one" "$GETS")"
read -r odmed99 <<< "$("$T/get-latency" "$DLMOD" "$one" "$GETS")"
echo "GET of one row (inetCidrRouteIfIndex), median and p99 (µs): ipstack-agentx $omed99, the module $odmed99"

rss_agent=$(rss "$readme_agent_pid") rss_dlmod=$(rss "$dlmod_pid")
printf '\n%-36s %9s %8s %9s %8s %9s %7s %9s %8s %9s %7s\n' "$ROUTES routes" native varbinds ours \
	varbinds floor "ours/fl" dlmod varbinds "in-proc" "dl/inp"
read -r rt rn <<< "$(once snmpbulkwalk "$README" "$TABLE")"
read -r dt dn <<< "$(once snmpbulkwalk "$DLMOD" "$TABLE")"
floor_rows "$rn"
read -r ft fn <<< "$(once snmpbulkwalk "$FLOOR" "$FLOOR_OID")"
in_process_floor "$dn"
read -r it in <<< "$(once snmpbulkwalk "$INFLOOR" "$FLOOR_OID")"
read -r nt nn <<< "$(CAP=$NCAP once snmpbulkwalk "$NATIVE" "$TABLE")"
native_hwm=$(hwm "$native_pid")
stop_snmpd native
printf '%-36s %9s %8s %9s %8s %9s %7s %9s %8s %9s %7s\n' "snmpbulkwalk $TABLE" \
	"$(CAP=$NCAP fmt_t "$nt")" "$nn" "$(fmt_t "$rt")" "$rn" "$(fmt_t "$ft")" "$(ratio "$rt" "$ft")" \
	"$(fmt_t "$dt")" "$dn" "$(fmt_t "$it")" "$(ratio "$dt" "$it")"
stop_snmpd infloor

echo
echo "VmHWM (KiB): ipstack-agentx $(hwm "$readme_agent_pid"), its snmpd $(hwm "$readme_pid"), snmpd native $native_hwm, snmpd with the module $(hwm "$dlmod_pid")"
echo "resident memory per route since start: ipstack-agentx $(awk -v a="$(rss "$readme_agent_pid")" -v b="$rss_agent" -v n="$ROUTES" 'BEGIN { printf "%.0f", (a - b) * 1024 / n }') B after the walk (its snapshots were built before: see VmHWM)"

# Idle: nothing asks, the table does not change.
a0=$(cpu_ticks "$readme_agent_pid") d0=$(cpu_ticks "$dlmod_pid")
sleep "$IDLE"
echo "CPU while idle for $IDLE s (ticks of 10 ms): ipstack-agentx $(($(cpu_ticks "$readme_agent_pid") - a0)), snmpd with the module $(($(cpu_ticks "$dlmod_pid") - d0))"

# A route added and one deleted: when does a poller see them?
poll_until() { # ADDRESS OID WANT: milliseconds until a GET's answer holds WANT
	local start
	start=$(date +%s%N)
	until snmpget "${Q[@]}" "$1" "$2" 2>&1 | grep -q -- "$3"; do
		[ $(( ($(date +%s%N) - start) / 1000000000 )) -lt "$CAP" ] || {
			echo cap
			return
		}
		sleep 0.05
	done
	echo $(( ($(date +%s%N) - start) / 1000000 ))
}
new=.1.3.6.1.2.1.4.24.7.1.7.1.4.15.0.0.0.24.2.0.0.1.4.10.0.0.2
number "$README" > /dev/null # a request: the build after it starts
ip route add 15.0.0.0/24 via 10.0.0.2
echo "a route added, seen after (ms): ipstack-agentx $(poll_until "$README" "$new" INTEGER), the module $(poll_until "$DLMOD" "$new" INTEGER)"
ip route del 15.0.0.0/24
echo "the route deleted, gone after (ms): ipstack-agentx $(poll_until "$README" "$new" 'No Such Instance'), the module $(poll_until "$DLMOD" "$new" 'No Such Instance')"
