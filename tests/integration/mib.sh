#!/bin/bash
# LINUX-IPSTACK-MIB passes smilint -l 6 (every output line must be listed,
# with a reason, in tests/smilint.allow), snmptranslate resolves every
# object, and the OIDs are the ones the daemon serves.
. "$TESTS_LIB/harness.sh"

MIB="$TESTS_LIB/../../mibs/LINUX-IPSTACK-MIB.txt"
ALLOW="$TESTS_LIB/../smilint.allow"
SMI=${IPSTACK_SMI_MIBS:-/usr/local/share/ipstack-agentx-test/node_modules/net-snmp/lib/mibs}
[ -f "$SMI/SNMPv2-SMI.mib" ] || fail "no SNMPv2-SMI in $SMI: run tools/install-deps.sh"
command -v smilint > /dev/null || fail "smilint missing: apt-get install smitools"

SMIPATH="$SMI" smilint -l 6 -s "$MIB" > "$T/lint" 2>&1
grep -v '^#' "$ALLOW" | grep -v '^$' > "$T/allowed" || :
grep -vxF -f "$T/allowed" "$T/lint" > "$T/unexpected" || :
[ -s "$T/unexpected" ] && fail "smilint: $(cat "$T/unexpected")"
ok "smilint -l 6: $(wc -l < "$T/lint") lines, all allowed"

objects=$(sed -n 's/^\(ipstack[A-Za-z]*\) *OBJECT-TYPE.*/\1/p' "$MIB")
n=0
for o in $objects; do
	snmptranslate -M "$SMI:$(dirname "$MIB")" -m LINUX-IPSTACK-MIB -On "LINUX-IPSTACK-MIB::$o" \
		> "$T/oid" 2> "$T/err" || fail "snmptranslate $o: $(cat "$T/err")"
	grep -q '^\.1\.3\.6\.1\.4\.1\.8072\.9999\.9999\.1\.' "$T/oid" || fail "$o is $(cat "$T/oid")"
	n=$((n + 1))
done
[ "$n" -ge 20 ] || fail "only $n objects found in the MIB"
ok "snmptranslate resolves all $n objects"

# The OIDs the code serves, by name.
while read -r name oid; do
	got=$(snmptranslate -M "$SMI:$(dirname "$MIB")" -m LINUX-IPSTACK-MIB -On "LINUX-IPSTACK-MIB::$name" 2>&1)
	[ "$got" = "$oid" ] || fail "$name is $got in the MIB, $oid in the daemon"
done <<'OIDS'
ipstackCounterValue .1.3.6.1.4.1.8072.9999.9999.1.1.1.1.1.4
ipstackCounterKind .1.3.6.1.4.1.8072.9999.9999.1.1.1.1.1.5
ipstackCounterText .1.3.6.1.4.1.8072.9999.9999.1.1.1.1.1.6
ipstackSockstatValue .1.3.6.1.4.1.8072.9999.9999.1.1.2.1.1.3
ipstackSysctlValue .1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1.2
ipstackSysctlInteger .1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1.3
ipstackSysctlWritable .1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1.8
ipstackAgentRefreshes .1.3.6.1.4.1.8072.9999.9999.1.1.4.1
ipstackAgentReconnects .1.3.6.1.4.1.8072.9999.9999.1.1.4.4
ipstackAgentSetsRefused .1.3.6.1.4.1.8072.9999.9999.1.1.4.6
ipstackAgentKernelRefusals .1.3.6.1.4.1.8072.9999.9999.1.1.4.7
OIDS
ok "the MIB's OIDs are the daemon's"
