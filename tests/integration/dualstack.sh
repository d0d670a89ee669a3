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
