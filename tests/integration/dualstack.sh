#!/bin/bash
# IP-version-neutral counters on a live dual-stack stack (a private network
# namespace): RFC 4113's UDP counters count IPv4 and IPv6 datagrams alike,
# so udpInDatagrams and udpHCInDatagrams lie between two readings of the
# kernel's Udp InDatagrams + Udp6InDatagrams taken around the request.
if [ -z "${IPSTACK_IN_NETNS:-}" ]; then
	exec unshare -n env IPSTACK_IN_NETNS=1 bash "$0" "$@"
fi
. "$TESTS_LIB/harness.sh"
ip link set lo up || fail "cannot bring up lo in the namespace"
[ -r /proc/net/snmp6 ] || fail "no /proc/net/snmp6: IPv6 is disabled on this kernel"

UDP_IN=.1.3.6.1.2.1.7.1.0 UDP_HC_IN=.1.3.6.1.2.1.7.8.0
udp_in() { # Udp InDatagrams + Udp6InDatagrams, now
	awk '/^Udp: / { if (h) { v = $2 } else { h = 1 } } END { print v }' /proc/net/snmp |
		{ read -r v4; echo $((v4 + $(awk '$1 == "Udp6InDatagrams" { print $2 }' /proc/net/snmp6))); }
}
value() { get "$1" | sed 's/.*: //'; }

start_snmpd
start_agent /proc "cacheLifetime 0"
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
