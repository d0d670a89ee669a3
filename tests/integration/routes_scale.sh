#!/bin/bash
# 100000 routes in the main table of a private namespace (issue 23's size,
# kept short for CI: one column walked, not eleven): inetCidrRouteNumber
# counts every route the kernel lists, and a GETBULK walk of
# inetCidrRouteIfIndex returns each of them once, in order, with the
# ifIndex the kernel reports.  Speed is bench/routes.sh's business.
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

N=100000
ip link add v0 type veth peer name v1 && ip link set v0 up && ip link set v1 up || fail "veth"
ip addr add 10.0.0.1/24 dev v0
for ((i = 0; i < N; i++)); do
	echo "route add $((16 + (i >> 16))).$((i >> 8 & 255)).$((i & 255)).0/24 via 10.0.0.2"
done | ip -batch - || fail "cannot add $N routes"
v4=$(ip -4 route show table main | wc -l)
v6=$(ip -6 route show table main | wc -l)
[ "$v4" -gt "$N" ] || fail "the kernel lists $v4 IPv4 routes"

start_snmpd
start_agent /proc "cacheLifetime 60"
wait_registered # before that, snmpd's own module answers (with the local table's routes)
got=$(snmpget -v2c -c public -m '' -On -t 30 "127.0.0.1:$PORT" .1.3.6.1.2.1.4.24.6.0 | sed -n 's/.*Gauge32: //p')
[ "$got" = $((v4 + v6)) ] || fail "inetCidrRouteNumber $got; the kernel lists $v4 + $v6 routes"

# Every /24 through 10.0.0.2 on v0, as its IPv4 index: 1.4.a.b.c.0.24.2.0.0.1.4.10.0.0.2
V0=$(ip -o link show v0 | cut -d: -f1)
snmpbulkwalk -v2c -c public -m '' -On -Cr50 -t 30 -r 1 "127.0.0.1:$PORT" .1.3.6.1.2.1.4.24.7.1.7 \
	> "$T/walked" 2> "$T/walk.err" || fail "the walk failed: $(head -c 300 "$T/walk.err")"
ip -j -4 route show table main | python3 -c '
import json, sys
v0 = sys.argv[1]
for r in json.load(sys.stdin):
    if r.get("gateway") == "10.0.0.2":
        a, b, c, _ = r["dst"].split("/")[0].split(".")
        print("%s.%s.%s" % (a, b, c))
' "$V0" | sort -t. -k1,1n -k2,2n -k3,3n > "$T/expected"
sed -n "s/^\.1\.3\.6\.1\.2\.1\.4\.24\.7\.1\.7\.1\.4\.\([0-9]*\.[0-9]*\.[0-9]*\)\.0\.24\.2\.0\.0\.1\.4\.10\.0\.0\.2 = INTEGER: $V0$/\1/p" \
	"$T/walked" > "$T/through"
[ "$(wc -l < "$T/expected")" = "$N" ] || fail "ip lists $(wc -l < "$T/expected") routes through 10.0.0.2"
cmp -s "$T/expected" "$T/through" || fail "the walk's routes through 10.0.0.2 differ from the kernel's: $(diff "$T/expected" "$T/through" | head -5)"
[ "$(grep -c ' = ' "$T/walked")" = "$got" ] || fail "the walk has $(grep -c ' = ' "$T/walked") rows, not $got"
ok "$N routes: inetCidrRouteNumber $got, a bulk walk of inetCidrRouteIfIndex has every one, in order"
