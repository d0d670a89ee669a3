#!/bin/bash
# IP-version-neutral objects on a live dual-stack stack (a private network
# namespace): RFC 4113's UDP counters count IPv4 and IPv6 datagrams alike,
# so udpInDatagrams and udpHCInDatagrams lie between two readings of the
# kernel's Udp InDatagrams + Udp6InDatagrams taken around the request; the
# ipv6 rows of the stats tables follow net/snmp6; ipv6IpForwarding and
# ipv6IpDefaultHopLimit take SETs with the kernel's own verdicts.
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"
[ -r /proc/net/snmp6 ] || fail "no /proc/net/snmp6: IPv6 is disabled on this kernel"

UDP_IN=.1.3.6.1.2.1.7.1.0 UDP_HC_IN=.1.3.6.1.2.1.7.8.0
udp_in() { # Udp InDatagrams + Udp6InDatagrams, now
	awk '/^Udp: / { if (h) { v = $2 } else { h = 1 } } END { print v }' /proc/net/snmp |
		{ read -r v4; echo $((v4 + $(awk '$1 == "Udp6InDatagrams" { print $2 }' /proc/net/snmp6))); }
}
value() { get "$1" | sed 's/.*: //'; }

start_snmpd
start_agent /proc "cacheLifetime 0" "writeAllow ipfrag_high_thresh"
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT .1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0 | grep -q Counter32" ||
	fail "agent did not come up"

# 200 datagrams over IPv6 loopback, received: Udp6InDatagrams >= 200.
python3 - <<'PY' || fail "could not exchange UDP over ::1"
import socket
r = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); r.bind(("::1", 0))
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
for _ in range(200):
    s.sendto(b"x", r.getsockname())
for _ in range(200):
    r.recv(16)
PY
v6=$(awk '$1 == "Udp6InDatagrams" { print $2 }' /proc/net/snmp6)
[ "$v6" -ge 200 ] || fail "Udp6InDatagrams is $v6 after 200 datagrams"

for oid in $UDP_IN $UDP_HC_IN; do
	before=$(udp_in) got=$(value $oid) after=$(udp_in)
	[ "$before" -le "$got" ] && [ "$got" -le "$after" ] ||
		fail "$oid = $got, outside [$before, $after] (Udp + Udp6; Udp6 alone $v6)"
	echo "  $oid: $before <= $got <= $after"
done
ok "udpInDatagrams and udpHCInDatagrams count IPv4 and IPv6 ($v6 of them over IPv6)"

# The ipv6 rows of ipSystemStatsTable and icmpStatsTable are ours, live:
# each between two readings of its net/snmp6 field.  A first GET would load
# snmpd's own 60 s cache if snmpd answered them; then an ICMPv6 echo to ::1
# moves every field below (the namespace's own loopback only).
V6_ROWS="4.31.1.1.3.2:Ip6InReceives 4.31.1.1.4.2:Ip6InReceives 4.31.1.1.20.2:Ip6OutRequests
	4.31.1.1.33.2:Ip6OutOctets 5.29.1.2.2:Icmp6InMsgs 5.29.1.4.2:Icmp6OutMsgs"
for pair in $V6_ROWS; do get ".1.3.6.1.2.1.${pair%%:*}" > /dev/null; done
python3 - <<'PY' || fail "could not send an ICMPv6 echo over ::1"
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
s.sendto(b"\x80\x00\x00\x00\x12\x34\x00\x01", ("::1", 0))
PY
snmp6() { awk -v f="$1" '$1 == f { print $2 }' /proc/net/snmp6; }
for pair in $V6_ROWS; do
	oid=.1.3.6.1.2.1.${pair%%:*} field=${pair#*:}
	before=$(snmp6 "$field") got=$(value "$oid") after=$(snmp6 "$field")
	[ -n "$got" ] && [ "$before" -le "$got" ] && [ "$got" -le "$after" ] ||
		fail "$oid = '$got', outside [$before, $after] ($field)"
	[ "$got" -gt 0 ] || fail "$oid is 0 after IPv6 traffic"
	echo "  $oid: $before <= $got <= $after ($field)"
done
ok "ipv6 rows of ipSystemStatsTable and icmpStatsTable follow net/snmp6"

# ipv6IpForwarding (4.25.0) and ipv6IpDefaultHopLimit (4.26.0): read from
# and written to net/ipv6's conf/all/forwarding and conf/default/hop_limit,
# allowed by default like their IPv4 twins.
SYS6=/proc/sys/net/ipv6/conf
FWD6=.1.3.6.1.2.1.4.25.0 HOP=.1.3.6.1.2.1.4.26.0
echo 0 > $SYS6/all/forwarding
[ "$(get $FWD6)" = "$FWD6 = INTEGER: 2" ] || fail "ipv6IpForwarding with forwarding off: $(get $FWD6)"
[ "$(get $HOP)" = "$HOP = INTEGER: $(cat $SYS6/default/hop_limit)" ] || fail "ipv6IpDefaultHopLimit: $(get $HOP)"
r=$(set_ $FWD6 i 1)
[ "$(status "$r")" = ok ] || fail "ipv6IpForwarding := forwarding(1): $r"
for f in all default lo; do
	[ "$(cat $SYS6/$f/forwarding)" = 1 ] || fail "conf/$f/forwarding is $(cat $SYS6/$f/forwarding) after the SET"
done
[ "$(get $FWD6)" = "$FWD6 = INTEGER: 1" ] || fail "ipv6IpForwarding after the SET: $(get $FWD6)"
r=$(set_ $FWD6 i 2)
[ "$(status "$r")" = ok ] && [ "$(cat $SYS6/all/forwarding)" = 0 ] || fail "ipv6IpForwarding := 2: $r"
[ "$(status "$(set_ $FWD6 i 3)")" = wrongValue ] || fail "ipv6IpForwarding := 3 was not wrongValue"
grep -q "SET ipv6/conf/all/forwarding: '1' -> '0'" "$T/agent.log" || fail "the write is not logged"
ok "ipv6IpForwarding: 1 sets conf/all, default and lo forwarding, 2 clears them, 3 is wrongValue"

# The hop limit: what the kernel refuses (0, 256) is wrongValue and
# nothing is written; the kernel's own verdict on the same text agrees.
hop=$(cat $SYS6/default/hop_limit)
for bad in 0 256; do
	kernel_refuses $SYS6/default/hop_limit $bad || fail "this kernel takes hop_limit $bad"
	r=$(set_ $HOP i $bad)
	[ "$(status "$r")" = wrongValue ] || fail "ipv6IpDefaultHopLimit := $bad: $r"
	[ "$(cat $SYS6/default/hop_limit)" = "$hop" ] || fail "hop_limit changed by a refused SET"
done
all=$(cat $SYS6/all/hop_limit)
r=$(set_ $HOP i 99)
[ "$(status "$r")" = ok ] && [ "$(cat $SYS6/default/hop_limit)" = 99 ] || fail "ipv6IpDefaultHopLimit := 99: $r"
[ "$(cat $SYS6/all/hop_limit)" = "$all" ] || fail "conf/all/hop_limit changed too"
[ "$(get $HOP)" = "$HOP = INTEGER: 99" ] || fail "ipv6IpDefaultHopLimit after the SET: $(get $HOP)"
ok "ipv6IpDefaultHopLimit: 0 and 256 wrongValue as the kernel says, 99 written to conf/default only"

# All or nothing: ipv6IpForwarding with a write the kernel refuses at
# write time (ipfrag_high_thresh below low_thresh) is undone, every
# forwarding flag the kernel changed with it restored.
kernel_refuses /proc/sys/net/ipv4/ipfrag_high_thresh 1 ||
	fail "this kernel takes ipfrag_high_thresh 1: the case needs a write it refuses"
before=$(grep . $SYS6/*/forwarding)
r=$(set_ $FWD6 i 1 "$SYSCTL_VALUE$(idx ipfrag_high_thresh)" s 1)
[ "$(status "$r")" = commitFailed ] || fail "the second write was not refused: $r"
[ "$(grep . $SYS6/*/forwarding)" = "$before" ] || fail "not restored: $(grep . $SYS6/*/forwarding)"
grep -q "SET rolled back: ipv6/conf/all/forwarding restored to '0'" "$T/agent.log" ||
	fail "ipv6/conf/all/forwarding was not written and undone: $(grep -E 'SET|UNDO' "$T/agent.log" | tail -n 5)"
ok "a failed SET with ipv6IpForwarding restores every conf/*/forwarding"

# writeDeny names it the way the logs do: ipv6/ and the path below net/ipv6.
agent_conf "cacheLifetime 0" "writeDeny ipv6/conf/*/forwarding"
kill -HUP "$AGENT_PID"
wait_for 5 grep -q 'configuration re-read' "$T/agent.log" || fail "no reload"
[ "$(status "$(set_ $FWD6 i 1)")" = notWritable ] || fail "ipv6IpForwarding passed writeDeny ipv6/conf/*/forwarding"
[ "$(cat $SYS6/all/forwarding)" = 0 ] || fail "a denied SET wrote conf/all/forwarding"
[ "$(status "$(set_ $HOP i 64)")" = ok ] || fail "ipv6IpDefaultHopLimit refused under a forwarding deny"
ok "writeDeny ipv6/conf/*/forwarding refuses ipv6IpForwarding, not the hop limit"
