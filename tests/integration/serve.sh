#!/bin/bash
# A stock snmpd (its own IP/ICMP/TCP/UDP modules loaded) as master, our
# daemon serving fixture trees through it: every object of the golden list
# by GET, and the same objects, in order and nothing else, in walks and bulk
# walks of the four subtrees.
. "$TESTS_LIB/harness.sh"

# OIDs in the regions we register: the ip, icmp, tcp and udp groups but
# for the tables snmpd keeps (ipAddrTable ... 4.20-22, 4.24, 4.31.2-3, 4.32-37)
# and the connection tables (6.13, 6.16, 6.19, 6.20, 7.5-7.7).  Nothing of
# snmpd's may show up in them: every line must be in the golden list.
OURS='^\.1\.3\.6\.1\.2\.1\.(4\.([1-9]|1[0-9]|2[356])\.|4\.31\.1\.|5\.|6\.([1-9]|1[0-2]|1[4578])\.|7\.([1-4]|[89])\.)'

# check_gets FIXTURE: snmpget of every golden OID, 20 per request.
check_gets() {
	local fx=$1 oids
	expected "$fx" > "$T/want"
	: > "$T/got"
	cut -d' ' -f1 "$T/want" | xargs -n 20 > "$T/batches"
	while read -r oids; do
		# shellcheck disable=SC2086
		get $oids >> "$T/got"
	done < "$T/batches"
	diff -u "$T/want" "$T/got" > "$T/diff" || fail "$fx: GET differs: $(head -20 "$T/diff")"
	ok "$fx: $(wc -l < "$T/want") objects by GET"
}

# check_walk FIXTURE TOOL: the walk's lines in our space equal the golden list.
check_walk() {
	local fx=$1 tool=$2 sub
	: > "$T/walk"
	for sub in 4 5 6 7; do
		$tool ".1.3.6.1.2.1.$sub" >> "$T/walk" || fail "$fx: $tool .$sub failed: $(tail -3 "$T/walk")"
	done
	grep -q 'OID not increasing' "$T/walk" && fail "$fx: $tool saw OIDs out of order"
	grep -E "$OURS" "$T/walk" > "$T/ours"
	expected "$fx" | diff -u - "$T/ours" > "$T/diff" ||
		fail "$fx: $tool differs from the golden list: $(head -30 "$T/diff")"
	ok "$fx: $tool of .4 .5 .6 .7 shows exactly the golden objects ($(wc -l < "$T/walk") lines in all)"
}

start_snmpd
for fx in linux-2.6.32 linux-2.6.32-icmpmsg-wrap linux-4.19 linux-6.18 malformed; do
	root="$TESTS_DATA/$fx"
	start_agent "$root"
	wait_agent "$root"
	check_gets "$root"
	check_walk "$root" walk
	check_walk "$root" bulkwalk
	stop_agent
done

# The malformed fixture's broken sections (see tests/data/README) were
# logged once each, naming file and line, however many requests came.
for problem in "net/snmp line 10: Udp: 8 names but 9 values; section skipped" \
	"net/netstat line 4: IpExt InMcastPkts: value is not a decimal number ('12x'); section skipped"; do
	n=$(grep -cF "malformed/$problem" "$T/agent.log")
	[ "$n" -eq 1 ] || fail "want '$problem' logged once, got $n times"
done
ok "malformed sections are logged once each, with file and line"

# Fields the kernel does not print are absent, not zero.
start_agent "$TESTS_DATA/linux-2.6.32"
wait_agent "$TESTS_DATA/linux-2.6.32"
out=$(get .1.3.6.1.2.1.4.31.1.1.30.1 .1.3.6.1.2.1.4.31.1.1.6.1)
echo "$out" | grep -q '^\.1\.3\.6\.1\.2\.1\.4\.31\.1\.1\.30\.1 = No Such Object' ||
	fail "ipSystemStatsOutTransmits on 2.6.32: $out"
echo "$out" | grep -q '^\.1\.3\.6\.1\.2\.1\.4\.31\.1\.1\.6\.1 = No Such Object' ||
	fail "ipSystemStatsHCInOctets on 2.6.32: $out"
ok "fields a 2.6.32 kernel lacks are noSuchObject"
out=$(get .1.3.6.1.2.1.5.30.1.3.1.200)
echo "$out" | grep -q 'No Such Instance' || fail "icmpMsgStats type 200: $out"
ok "an ICMP type the kernel does not list is noSuchInstance"

# One request, one snapshot: with a cache lifetime of 0 every request
# re-reads the files, yet all AgentX messages of one GETBULK (80 varbinds,
# several passes through the master) share one snapshot.
stop_agent
AGENT_ARGS=-Dipstack/snapshot start_agent "$TESTS_DATA/linux-6.18" "cacheLifetime 0"
wait_agent "$TESTS_DATA/linux-6.18"
snapshots() { grep -c "ipstack/snapshot: snapshot " "$T/agent.log"; }
n0=$(snapshots)
n=$(snmpbulkget "${SNMPOPTS[@]}" -Cr40 "127.0.0.1:$PORT" .1.3.6.1.2.1.4 .1.3.6.1.2.1.5 | grep -c ' = ')
[ "$n" -eq 80 ] || fail "bulk get returned $n varbinds"
n1=$(snapshots)
[ $((n1 - n0)) -eq 1 ] || fail "one GETBULK used $((n1 - n0)) snapshots"
get .1.3.6.1.2.1.4.3.0 > /dev/null
get .1.3.6.1.2.1.4.3.0 > /dev/null
[ $(( $(snapshots) - n1 )) -eq 2 ] || fail "two requests with lifetime 0 did not read twice"
ok "one snapshot per request: 80 varbinds of one GETBULK, 1 read"

# SIGTERM: clean exit, status 0.
kill -TERM "$AGENT_PID"
wait "$AGENT_PID"; rc=$?; AGENT_PID=
[ $rc -eq 0 ] || fail "SIGTERM: exit $rc"
ok "SIGTERM exits 0"
