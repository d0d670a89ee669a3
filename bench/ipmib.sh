#!/bin/bash
# The address and neighbour tables benchmark (bench/README): native snmpd
# against our daemon beside a stock snmpd (the README's deployment) and the
# AgentX floor, and against our module inside snmpd and the in-process
# floor, with BENCH_LEGACY addresses (ipAddrTable, whose cost in snmpd grows
# with the square of the addresses), then BENCH_ADDRESSES addresses and
# BENCH_NEIGHBOURS neighbours.  Run as root:
#   sudo bash bench/ipmib.sh
# Environment: BENCH_LEGACY (2000), BENCH_ADDRESSES (10000),
# BENCH_NEIGHBOURS (100000), BENCH_CAP (seconds per cell, 120), BUILD.
set -euo pipefail
NAME=ipmib.sh
. "$(dirname "$0")/lib.sh"

LEGACY=${BENCH_LEGACY:-2000}
ADDRESSES=${BENCH_ADDRESSES:-10000}
NEIGHBOURS=${BENCH_NEIGHBOURS:-100000}
NATIVE=127.0.0.1:16101 FLOOR=127.0.0.1:16103 README=127.0.0.1:16104 DLMOD=127.0.0.1:16105
# With 10000 addresses a stock snmpd spends about a fifth of a CPU while idle
# in its ifTable and ifXTable modules (an ioctl per address on each reload);
# five of them on two CPUs would measure each other.  Every master but the
# native one runs without those two modules, which none of these walks uses.
LEAN=(-I -ifTable,ifXTable)

# addresses FROM TO: 10.100.0.0/16 hosts FROM..TO-1 on v0, /16 each (one prefix).
addresses() {
	local i
	for ((i = $1; i < $2; i++)); do
		echo "address add 10.100.$((i / 250)).$((i % 250 + 1))/16 dev v0"
	done | ip -batch - || die "cannot add addresses $1..$2"
}
# Permanent entries are not counted against gc_thresh: no sysctl to raise.
neighbours() {
	local i
	for ((i = 0; i < $1; i++)); do
		printf 'neigh add 10.%d.%d.%d lladdr 02:00:00:%02x:%02x:%02x dev v0 nud permanent\n' \
			$((128 + (i >> 16))) $((i >> 8 & 255)) $((i & 255)) \
			$((i >> 16 & 255)) $((i >> 8 & 255)) $((i & 255))
	done | ip -batch - || die "cannot add $1 neighbours"
}

# row LABEL TOOL OID: native, ours beside snmpd against the AgentX floor for
# the same varbinds, the module against the in-process floor likewise.
row() {
	local label=$1 tool=$2 oid=$3 nt nn rt rn dt dn ft fn it in
	read -r nt nn <<< "$(timed "$tool" "$NATIVE" "$oid")"
	read -r rt rn <<< "$(timed "$tool" "$README" "$oid")"
	read -r dt dn <<< "$(timed "$tool" "$DLMOD" "$oid")"
	floor_rows "$rn"
	read -r ft fn <<< "$(timed "$tool" "$FLOOR" "$FLOOR_OID")"
	in_process_floor "$dn" "${LEAN[@]}"
	read -r it in <<< "$(timed "$tool" "$INFLOOR" "$FLOOR_OID")"
	printf '%-36s %9s %8s %9s %8s %9s %7s %9s %8s %9s %7s\n' "$label" "$(fmt_t "$nt")" "$nn" \
		"$(fmt_t "$rt")" "$rn" "$(fmt_t "$ft")" "$(ratio "$rt" "$ft")" "$(fmt_t "$dt")" "$dn" \
		"$(fmt_t "$it")" "$(ratio "$dt" "$it")"
	LAST_OURS=$rt
}

header() {
	printf '\n%-36s %9s %8s %9s %8s %9s %7s %9s %8s %9s %7s\n' "$1" native varbinds ours varbinds \
		floor "ours/fl" dlmod varbinds "in-proc" "dl/inp"
}

# per_row PID BEFORE_KIB ROWS: bytes of resident memory per row since BEFORE.
per_row() { awk -v a="$(rss "$1")" -v b="$2" -v n="$3" 'BEGIN { printf "%.0f", (a - b) * 1024 / n }'; }

ip link add v0 type veth peer name v1
ip link set v0 up && ip link set v1 up
addresses 0 "$LEGACY"
start_snmpd native "$NATIVE"
start_snmpd floor "$FLOOR" "${LEAN[@]}"
start_snmpd readme "$README" "${LEAN[@]}"
SNMPCONFPATH="$T/none" EXTRA_CONF="dlmod ipstack $BUILD/src/ipstack.so" start_snmpd dlmod "$DLMOD" "${LEAN[@]}"
start_ours readme "$README"

echo "ipstack-agentx address and neighbour tables: $(uname -r), $(nproc) CPUs, snmpd $("$SNMPD" -v | sed -n 's/^NET-SNMP version: *//p'), cap ${CAP} s per cell"
echo "times in seconds; ours: ipstack-agentx beside a stock snmpd (the README's deployment),"
echo "ours/fl: its time over the AgentX floor's for the same varbinds; dlmod: the module in a stock"
echo "snmpd, dl/inp: its time over the in-process floor's for the same varbinds; every master but"
echo "the native one without snmpd's ifTable and ifXTable modules (idle CPU with many addresses)"

header "$LEGACY IPv4 addresses"
row "snmpbulkwalk ipAddrTable" snmpbulkwalk .1.3.6.1.2.1.4.20
legacy_ours=$LAST_OURS
row "snmpbulkwalk ipAddressTable" snmpbulkwalk .1.3.6.1.2.1.4.34
read -r native_new _ <<< "$(timed snmpbulkwalk "$NATIVE" .1.3.6.1.2.1.4.34)"
echo "ipAddrTable through ipstack-agentx: $(fmt_t "$legacy_ours") s; native ipAddressTable for the same addresses: $(fmt_t "$native_new") s"

addresses "$LEGACY" "$ADDRESSES"
rss_agent=$(rss "$readme_agent_pid") rss_dlmod=$(rss "$dlmod_pid")
header "$ADDRESSES addresses"
row "snmpbulkwalk ipAddressTable" snmpbulkwalk .1.3.6.1.2.1.4.34
row "snmpwalk ipAddressTable" snmpwalk .1.3.6.1.2.1.4.34
rows=$((ADDRESSES + 2 * 3)) # and lo's two, v0's and v1's link-local addresses, roughly
echo "resident memory per address row: ipstack-agentx $(per_row "$readme_agent_pid" "$rss_agent" "$rows") B, snmpd with the module $(per_row "$dlmod_pid" "$rss_dlmod" "$rows") B"

neighbours "$NEIGHBOURS"
rss_agent=$(rss "$readme_agent_pid") rss_dlmod=$(rss "$dlmod_pid")
header "$NEIGHBOURS neighbours"
row "snmpbulkwalk ipNetToPhysicalTable" snmpbulkwalk .1.3.6.1.2.1.4.35
row "snmpbulkwalk ipNetToMediaTable" snmpbulkwalk .1.3.6.1.2.1.4.22
echo "resident memory per neighbour row: ipstack-agentx $(per_row "$readme_agent_pid" "$rss_agent" "$NEIGHBOURS") B, snmpd with the module $(per_row "$dlmod_pid" "$rss_dlmod" "$NEIGHBOURS") B"
echo "VmHWM (KiB): ipstack-agentx $(hwm "$readme_agent_pid"), its snmpd $(hwm "$readme_pid"), snmpd native $(hwm "$native_pid"), snmpd with the module $(hwm "$dlmod_pid")"
