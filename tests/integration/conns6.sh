#!/bin/bash
# The connection tables on a dual-stack stack, through a stock snmpd with
# its own TCP and UDP modules loaded (the README's deployment), in a private
# network namespace holding every kind of socket RFC 4022 and RFC 4113 tell
# apart (tests/lib/sockets6.py): IPv4, IPv6, v4-mapped, dual-stack and
# v6only wildcards, link-local (ipv6z).  Every socket is listed exactly once
# with the RFC address types, in GETNEXT and GETBULK walks alike; closed
# sockets leave every walk within cacheLifetime + 1 s (snmpd's own modules
# would keep them for 60 s); snmpnetstat lists each connection once;
# deleteTCB works on ipv6 and v4-mapped connections.
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"
[ -d /proc/sys/net/ipv6 ] || fail "IPv6 is disabled on this kernel"
# A link-local address of our own on lo, usable at once (no duplicate
# detection): the link-local sockets' zone is lo's index.
ip -6 addr add fe80::1/64 dev lo nodad || fail "cannot add fe80::1 to lo"

TCP=.1.3.6.1.2.1.6
UDP=.1.3.6.1.2.1.7
TABLES="$TCP.13 $TCP.19 $TCP.20 $UDP.5 $UDP.7"

start_snmpd
start_agent /proc "allowDeleteTcb yes"
mkfifo "$T/control"
python3 "$TESTS_LIB/sockets6.py" "$T/expected.raw" "$T/control" "$T/sockets" &
HELPER=$!
trap 'rc=$?; kill "$HELPER" 2>/dev/null; (exit $rc); cleanup' EXIT
wait_for 10 test -s "$T/expected.raw" || fail "the socket helper did not start"
sort "$T/expected.raw" > "$T/expected"
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $TCP.20.1.4.0.0.7001 | grep -q Gauge32" ||
	fail "no tcpListenerTable row for the dual-stack listener: $(get $TCP.20.1.4.0.0.7001)"

# The test's own rows: a port of 7001-7018 at either end.
ours() { grep -E '\.70(0[1-9]|1[0-8])[. ]' | sort; }
snapshot() { # TOOL: the five tables, checked for order
	local tool=$1 t
	for t in $TABLES; do $tool "$t"; done > "$T/raw"
	grep -q 'OID not increasing' "$T/raw" && fail "$tool: OIDs out of order"
	ours < "$T/raw"
}
snapshot bulkwalk > "$T/bulk"
diff "$T/expected" "$T/bulk" > "$T/diff" || fail "bulk walk differs from the sockets held:
$(cat "$T/diff")"
snapshot walk > "$T/walk"
diff "$T/bulk" "$T/walk" > "$T/diff" || fail "GETNEXT and GETBULK walks differ: $(cat "$T/diff")"
ok "$(wc -l < "$T/expected") objects: every socket once, RFC address types, GETNEXT = GETBULK"

# Nothing of snmpd's own module in any table: it would show the dual-stack
# wildcard as ipv6 :: and a v4-mapped connection as ipv6.
grep -qE "^\\$TCP\\.(19\\.1\\.[78]|20\\.1\\.4)\\.2\\.16\\.0\\.0\\.0\\.0\\.0\\.0\\.0\\.0\\.0\\.0\\.255\\.255\\." "$T/raw" &&
	fail "a v4-mapped row typed ipv6"
ok "no v4-mapped or wildcard row in snmpd's encoding"

# The tcpConnectionState OID of connection NAME's accepting side.
sockname() {
	python3 - "$1" "$T/sockets" <<'PY'
import sys
name, path = sys.argv[1], sys.argv[2]
for line in open(path):
    n, oid = line.split()
    if n == name:
        print(oid)
PY
}
V6B=$(sockname v6b)

# deleteTCB of a v4-mapped (server side, an AF_INET6 socket) and a
# link-local connection: SOCK_DESTROY in the socket's own family.
mapped=$(sockname mapped)
ll=$(grep -E "^\\$TCP\\.19\\.1\\.7\\.4\\.20\\.[0-9.]+\\.7003\\." "$T/expected" | cut -d' ' -f1)
[ -n "$mapped" ] && [ -n "$ll" ] || fail "no v4-mapped or link-local connection row"
for oid in $mapped $ll; do
	r=$(set_ "$oid" i 12)
	[ "$(status "$r")" = ok ] || fail "deleteTCB of $oid: $r"
done
grep -q 'deleteTCB 127.0.0.1:7001 -> 127.0.0.1:[0-9]*: connection destroyed' "$T/agent.log" ||
	fail "v4-mapped deleteTCB not logged: $(grep deleteTCB "$T/agent.log")"
grep -q 'deleteTCB \[fe80::1%[0-9]*\]:7003 -> .*connection destroyed' "$T/agent.log" ||
	fail "link-local deleteTCB not logged: $(grep deleteTCB "$T/agent.log")"
ok "deleteTCB destroys v4-mapped and link-local connections"

# Closed sockets leave every walk within cacheLifetime (1 s) + 1 s.
for name in v6b udp-mapped linklocal udp-ll; do echo "close $name" > "$T/control"; done
sleep 2
snapshot bulkwalk > "$T/after"
for gone in "$mapped" "$ll" "${V6B:?}" '\.7015\.' '\.7003[. ]' '\.7018\.'; do
	grep -E "^${gone//./\\.}" "$T/after" && fail "still listed 2 s after it closed: $gone"
done
grep -q "$(sockname mapped2)" "$T/after" || fail "an open connection went too"
ok "closed and destroyed sockets gone from the walk 2 s later"

# snmpnetstat (its own tcpConnectionTable/udpEndpointTable reader) lists
# each socket once.  (net-snmp 5.9.3's snmpnetstat aborts on an ipv6z row:
# it knows address types 0-2 only; the link-local sockets are gone now.)
netstat_count() { # PROTO PATTERN: lines of snmpnetstat -Can showing it
	snmpnetstat -v2c -c public -m '' -Can -Cp "$1" "127.0.0.1:$PORT" > "$T/netstat" 2>&1 ||
		fail "snmpnetstat -Cp $1 failed: $(cat "$T/netstat")"
	grep -cF -- "$2" "$T/netstat"
}
[ "$(netstat_count tcp "127.0.0.1.7001 ")" -eq 2 ] || fail "tcp 127.0.0.1.7001: $(cat "$T/netstat")"
[ "$(netstat_count tcp "::1.7002 ")" -eq 3 ] || fail "tcp ::1.7002: $(cat "$T/netstat")"
for port in 7012 7013 7017; do
	[ "$(netstat_count udp ".$port ")" -eq 1 ] || fail "udp .$port: $(cat "$T/netstat")"
done
ok "snmpnetstat -Can lists each socket once"
echo exit > "$T/control"
