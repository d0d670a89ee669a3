#!/bin/bash
# The first run on stock Debian: Debian's own /etc/snmp/snmpd.conf, snmpd
# started as Debian's unit starts it (as Debian-snmp), and our drop-in in
# its snmpd.conf.d.  Only the addresses and the AgentX socket are private
# to the test.  Without the drop-in the community 'public' sees none of
# our objects (the view 'systemonly'); with it, snmpget works.
. "$TESTS_LIB/harness.sh"
agentx_only "its first run beside stock Debian"
[ -r /etc/snmp/snmpd.conf ] || fail "no Debian /etc/snmp/snmpd.conf (install snmpd)"
id Debian-snmp > /dev/null 2>&1 || fail "no Debian-snmp user (install Debian's snmpd)"
DROPIN="$TESTS_LIB/../../conf/snmpd.conf.d/ipstack-agentx.conf"
HC_IN_SEGS=.1.3.6.1.2.1.6.17.0

# Debian's snmpd.conf reading $DROPIN_DIR.  The address (start_snmpd puts
# it on the command line) and the socket (Debian's default:
# /var/agentx/master) are the test's own.
debian_snmpd_conf() {
	sed -e "s|^includeDir .*|includeDir $DROPIN_DIR|" -e "/^agentaddress /d" \
		/etc/snmp/snmpd.conf > "$T/snmpd.conf"
	printf 'agentXSocket %s\n' "$SOCK" >> "$T/snmpd.conf"
}
debian_snmpd() { # DROP-IN-DIR: snmpd started as Debian's unit starts it
	DROPIN_DIR=$1 SNMPD_CONF=debian_snmpd_conf \
		SNMPD_ARGS="-u Debian-snmp -g Debian-snmp -I -smux,mteTrigger,mteTriggerConf" start_snmpd
}

chmod 0755 "$T"
mkdir -p "$T/empty.d" "$T/snmpd.conf.d"
cp "$DROPIN" "$T/snmpd.conf.d/"
debian_snmpd "$T/empty.d"
start_agent /proc
wait_for 15 grep -q "subagent connected" "$T/agent.log" || fail "agent did not connect"
get .1.3.6.1.2.1.1.3.0 | grep -qE '= [0-9]+$' || fail "stock snmpd: no sysUpTime for public: $(get .1.3.6.1.2.1.1.3.0)"
get $HC_IN_SEGS | grep -q 'No Such Object' || fail "stock Debian view shows our objects: $(get $HC_IN_SEGS)"
ok "stock Debian snmpd.conf: 'public' sees the system group, not our objects"
stop_agent
kill "$SNMPD_PID"; wait "$SNMPD_PID" 2>/dev/null; SNMPD_PID=

debian_snmpd "$T/snmpd.conf.d"
start_agent /proc
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $HC_IN_SEGS | grep -q Counter64" ||
	fail "with the drop-in: $(get $HC_IN_SEGS)"
for oid in .1.3.6.1.2.1.4.31.1.1.3.1 .1.3.6.1.2.1.7.1.0 .1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0; do
	get "$oid" | grep -q 'No Such' && fail "with the drop-in: $(get "$oid")"
done
[ "$(ps -o user= -p "$SNMPD_PID")" = Debian-snmp ] || fail "snmpd does not run as Debian-snmp"
ok "with conf/snmpd.conf.d/ipstack-agentx.conf: snmpget -c public works (snmpd as Debian-snmp)"
