#!/bin/bash
# Through a stock snmpd whose own IP/ICMP modules are loaded, our
# registrations win for what we serve, whatever registrationPriority below
# snmpd's 127: every row of the stats tables, ipv6 ones included, comes from
# our fixture, never from snmpd's cache.
. "$TESTS_LIB/harness.sh"

# A fixture whose ipDefaultTTL (99) differs from any host's.
cp -r "$TESTS_DATA/linux-4.19" "$T/fx"
sed -i -E '2s/^Ip: ([0-9]+) 64 /Ip: \1 99 /' "$T/fx/net/snmp"
sed -i -E 's/^(1\.3\.6\.1\.2\.1\.4\.2\.0 INTEGER) 64$/\1 99/' "$T/fx/expected.txt"
grep -q ' 99 ' "$T/fx/net/snmp" || fail "could not prepare the fixture"

TTL=.1.3.6.1.2.1.4.2.0
HC_IN_OCTETS_V4=.1.3.6.1.2.1.4.31.1.1.6.1
IN_RECEIVES_V6=.1.3.6.1.2.1.4.31.1.1.3.2
ICMP_IN_MSGS_V6=.1.3.6.1.2.1.5.29.1.2.2

start_snmpd
before=$(get $TTL)
echo "$before" | grep -q "INTEGER: 99" && fail "host TTL is 99: the test cannot tell who answers"
get $IN_RECEIVES_V6 | grep -q 'Counter32: ' || fail "snmpd serves no ipv6 row here: $(get $IN_RECEIVES_V6)"
ok "snmpd alone: $before"

for prio in "" "registrationPriority 1" "registrationPriority 126"; do
	start_agent "$T/fx" ${prio:+"$prio"}
	wait_agent "$T/fx"
	[ "$(get $TTL)" = "$TTL = INTEGER: 99" ] || fail "${prio:-default}: TTL $(get $TTL)"
	[ "$(get $HC_IN_OCTETS_V4)" = "$HC_IN_OCTETS_V4 = Counter64: 5000000000123" ] ||
		fail "${prio:-default}: $(get $HC_IN_OCTETS_V4)"
	[ "$(get $IN_RECEIVES_V6)" = "$IN_RECEIVES_V6 = Counter32: 88123" ] ||
		fail "${prio:-default}: ipv6 row not ours: $(get $IN_RECEIVES_V6)"
	[ "$(get $ICMP_IN_MSGS_V6)" = "$ICMP_IN_MSGS_V6 = Counter32: 4021" ] ||
		fail "${prio:-default}: ipv6 icmp row not ours: $(get $ICMP_IN_MSGS_V6)"
	ok "${prio:-default priority (100)}: our objects win, ipv6 rows included"
	stop_agent
done

# Once we are gone, snmpd's own answer is back.
wait_for 5 sh -c "[ \"\$(snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $TTL)\" = '$before' ]" ||
	fail "after we left: $(get $TTL)"
ok "after the agent exits, snmpd answers again"
