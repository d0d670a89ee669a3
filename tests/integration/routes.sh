#!/bin/bash
# The route tables from rtnetlink, in a private network namespace: the main
# table holds connected, gateway, ECMP (IPv4 and IPv6 through link-local
# routers), blackhole, unreachable and prohibit routes of both families,
# metrics (one prefix and next hop at two metrics, fe80::/64 on every
# link), protocols, an IPv4 route through an IPv6 router, and default
# routes, one with a router's lifetime and preference; table 100 holds
# routes that must appear nowhere.  Rows and values come from `ip -j route`
# (tests/lib/ipmib_expect.py, written from RFC 4292, RFC 2096, RFC 1213 and
# RFC 4293): inetCidrRouteTable, ipCidrRouteTable, ipRouteTable,
# ipDefaultRouterTable and the route counts, exact by GETNEXT and GETBULK;
# a GET of one row; a route added or deleted is seen within cacheLifetime
# + 1 s; a namespace context has its own routes only; nothing is writable.
IPSTACK_PRIVATE_MOUNTS=1
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"
. "$TESTS_LIB/ipmib_same.sh"

NS=$T/netns
mkdir "$NS" && touch "$NS/peer" && unshare --net="$NS/peer" true || fail "cannot make namespace peer"
in_peer() { nsenter --net="$NS/peer" "$@"; }
test_cleanup() { umount -ql "$NS"/* 2>/dev/null; }
ifindex() { ip -o link show "$1" | cut -d: -f1; }

# ---- the namespace -----------------------------------------------------------
ip link add v0 type veth peer name v1 netns "$NS/peer" || fail "veth"
ip link add ifb0 type ifb || fail "ifb"
ip link set v0 up && ip link set ifb0 up && in_peer ip link set lo up && in_peer ip link set v1 up
ip addr add 10.40.0.1/24 dev v0
ip -6 addr add 2001:db8:40::1/64 dev v0 nodad
ip addr add 10.41.0.1/24 dev ifb0
in_peer ip addr add 10.40.0.2/24 dev v1
in_peer ip route add 10.200.0.0/16 via 10.40.0.1
r() { ip "$@" || fail "ip $*"; }
r route add 10.50.0.0/16 via 10.40.0.2 metric 10
r route add 10.50.0.0/16 via 10.40.0.2 metric 20         # the same index: policy {0 0 ifIndex 20}
r route add 10.50.0.0/24 via 10.40.0.5                   # same destination, longer prefix
r route add 10.60.0.0/16 nexthop via 10.40.0.2 nexthop via 10.40.0.3 weight 2
r route add blackhole 10.70.0.0/16
r route add unreachable 10.71.0.0/16
r route add prohibit 10.72.0.0/16
r route add default via 10.40.0.254 proto static
r route add 10.80.0.0/24 dev ifb0 proto bird             # other(1)
r route add 10.81.0.0/24 dev ifb0 proto bgp metric 7
r route add 10.82.0.7 dev ifb0 proto ospf                # a host route
r route add 10.90.0.0/16 via inet6 fe80::9 dev v0        # an IPv6 router: inetCidrRouteTable only
r route add 10.99.0.0/16 via 10.40.0.2 table 100
r -6 route add 2001:db8:50::/48 via 2001:db8:40::2 metric 5
r -6 route add 2001:db8:60::/48 nexthop via fe80::2 dev v0 nexthop via fe80::3 dev v0
r -6 route add blackhole 2001:db8:70::/48
r -6 route add unreachable 2001:db8:71::/48
r -6 route add prohibit 2001:db8:72::/48
added=$(date +%s)
r -6 route add default via fe80::1 dev v0 proto ra expires 600 pref high
r -6 route add 2001:db8:99::/48 via 2001:db8:40::2 table 100

SNMPD_EXTRA="com2sec -Cn peer sec_peer 127.0.0.1 peer
group ctxs v2c sec_peer
view every included .1
access ctxs \"\" any noauth prefix every none none"
start_snmpd
start_agent /proc "cacheLifetime 2" "netnsDir $NS" "netnsContexts all"
wait_registered
wait_for 15 sh -c "snmpget -v2c -c peer -m '' -On 127.0.0.1:$PORT .1.3.6.1.2.1.4.24.6.0 | grep -q Gauge32" ||
	fail "the agent and its context 'peer' did not register"

# ---- rows and values -----------------------------------------------------------
IP=.1.3.6.1.2.1.4
same public $IP.24.7 inet
grep -q "^$IP.24.7.1.7.1.4.10.50.0.0.16.4.0.0.$(ifindex v0).20.1.4.10.40.0.2 = " "$T/walked" ||
	fail "the route at metric 20 has no policy of its own"
same public $IP.24.4 cidr
same public $IP.21 legacy
same public $IP.37 routers
same public $IP.24 route_numbers
for table in 24.7 24.4 21 37; do
	! walk $IP.$table | grep -q -e '10\.99\.' -e '\.32\.1\.13\.184\.0\.153\.' ||
		fail "a route of table 100 is in $IP.$table"
done
ok "no route of table 100 in any table"
same peer $IP.24.7 inet
same peer $IP.21 legacy

V0=$(ifindex v0)
life=$(get $IP.37.1.4.2.16.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.1.$V0 | sed -n 's/.*Gauge32: //p')
ago=$(($(date +%s) - added))
[ -n "$life" ] && [ "$life" -ge $((600 - ago - 1)) ] && [ "$life" -le 600 ] ||
	fail "ipDefaultRouterLifetime of fe80::1 (expires 600 s, added $ago s ago): '$life'"
ok "ipDefaultRouterLifetime of a router expiring in 600 s, added $ago s ago: $life"
[ "$(get $IP.24.7.1.7.1.4.10.81.0.0.24.2.0.0.0.0)" = "$IP.24.7.1.7.1.4.10.81.0.0.24.2.0.0.0.0 = INTEGER: $(ifindex ifb0)" ] ||
	fail "GET of 10.81.0.0/24's inetCidrRouteIfIndex: $(get $IP.24.7.1.7.1.4.10.81.0.0.24.2.0.0.0.0)"
get $IP.24.7.1.7.1.4.10.81.0.0.25.2.0.0.0.0 | grep -q 'No Such Instance' || fail "a GET of no route"
ok "a GET of one row, and of none"

# ---- changes: seen within cacheLifetime (2 s) + 1 s ---------------------------------
# seen_within SECONDS OID WANT: polls OID until `grep -q WANT` holds
seen_within() {
	local start=$(date +%s%N) limit=$1 oid=$2 want=$3
	until get "$oid" | grep -q -- "$want"; do
		[ $(( ($(date +%s%N) - start) / 1000000 )) -le $((limit * 1000)) ] || return 1
		sleep 0.1
	done
	echo $(( ($(date +%s%N) - start) / 1000000 ))
}
r route add 10.83.0.0/24 dev ifb0
added=$(seen_within 3 $IP.24.7.1.7.1.4.10.83.0.0.24.2.0.0.0.0 "INTEGER: $(ifindex ifb0)") ||
	fail "10.83.0.0/24 not in inetCidrRouteTable 3 s after it was added"
r route del 10.81.0.0/24
gone=$(seen_within 3 $IP.24.7.1.7.1.4.10.81.0.0.24.2.0.0.0.0 'No Such Instance') ||
	fail "10.81.0.0/24 still in inetCidrRouteTable 3 s after its deletion"
gone4=$(seen_within 3 $IP.21.1.2.10.81.0.0 'No Such Instance') || fail "10.81.0.0 still in ipRouteTable"
ok "a route added seen after $added ms, one deleted gone after $gone ms ($gone4 ms in ipRouteTable)"
same public $IP.24 route_numbers

# ---- nothing is writable ------------------------------------------------------------------
for inst in $IP.24.7.1.17.1.4.10.83.0.0.24.2.0.0.0.0 $IP.24.4.1.16.10.83.0.0.255.255.255.0.0.0.0.0.0 \
	$IP.21.1.8.10.83.0.0; do
	out=$(set_ "$inst" i 2)
	[ "$(status "$out")" = notWritable ] || fail "SET $inst: $out"
done
get $IP.24.7.1.7.1.4.10.83.0.0.24.2.0.0.0.0 | grep -q "INTEGER: $(ifindex ifb0)" ||
	fail "the route is gone after refused SETs"
ok "inetCidrRouteStatus, ipCidrRouteStatus and ipRouteType are notWritable"
