#!/bin/bash
# The shipped Nagios definitions (conf/nagios/ipstack-agentx.cfg), run with
# the real check_snmp against the daemon through snmpd: fixture values on
# each side of each threshold give OK, WARNING and CRITICAL.
. "$TESTS_LIB/harness.sh"

. "$TESTS_LIB/nagios.sh"

cp -r "$TESTS_DATA/linux-4.19" "$T/fx"
FX="$T/fx"

# set_field FILE SECTION FIELD VALUE: rewrite one value of a header/value file.
set_field() {
	awk -v sec="$2:" -v fld="$3" -v val="$4" '
		$1 == sec && !hdr[sec]++ { for (i = 2; i <= NF; i++) if ($i == fld) col = i; print; next }
		$1 == sec && col { $col = val; col = 0 }
		{ print }' "$1" > "$1.new" && mv "$1.new" "$1"
}

start_snmpd
start_agent "$FX" "cacheLifetime 0"
wait_agent "$FX"

# A gauge: TCP orphans, WARNING above 1000, CRITICAL above 5000.
for v in "10 0" "2000 1" "6000 2"; do
	set -- $v
	sed -i -E "s/orphan [0-9]+/orphan $1/" "$FX/net/sockstat"
	check "TCP orphaned sockets" "$2"
done
ok "TCP orphaned sockets: OK, WARNING, CRITICAL"

# rate_case SERVICE FILE SECTION FIELD OK_DELTA WARN_DELTA CRIT_DELTA:
# the counter grows by each delta over at least two seconds.
rate_case() {
	local svc=$1 file=$2 sec=$3 fld=$4 value=1000 want=0 delta
	set_field "$FX/net/$file" "$sec" "$fld" "$value"
	check "$svc" 0 >/dev/null # the first run only records the state
	for delta in "$5" "$6" "$7"; do
		sleep 2 # a rate needs time to pass; check_snmp counts whole seconds
		value=$((value + delta))
		set_field "$FX/net/$file" "$sec" "$fld" "$value"
		check "$svc" "$want"
		want=$((want + 1))
	done
	ok "$svc: OK, WARNING, CRITICAL"
}
rate_case "TCP listen queue overflows" netstat TcpExt ListenOverflows 0 5 100000
rate_case "TCP retransmissions" snmp Tcp RetransSegs 0 500 1000000
rate_case "UDP receive buffer errors" snmp Udp RcvbufErrors 0 5 100000

# Forwarding is a setting: off is OK, on is CRITICAL.
set_field "$FX/net/snmp" Ip Forwarding 2
check "IPv4 forwarding off" 0 >/dev/null
set_field "$FX/net/snmp" Ip Forwarding 1
check "IPv4 forwarding off" 2 >/dev/null
ok "IPv4 forwarding off: OK, CRITICAL"
