#!/bin/bash
# IP-MIB's address, neighbour and interface tables from rtnetlink, in a
# private network namespace: a veth pair to a second namespace (also a
# context, with IF-MIB), a veth without carrier, an ifb; addresses of every
# kind (secondary, /32, broadcast, a lifetime, IPv6 global, link-local,
# deprecated, tentative, duplicate); neighbours in every lasting state, one
# from real traffic; an interface forwarding IPv6 and one with IPv6
# disabled.  Every row and value comes from `ip -j` and the kernel's files
# (tests/lib/ipmib_expect.py, written from the RFCs), exact by GETNEXT and
# by GETBULK; deletions are seen within cacheLifetime + 1 s; the writable
# IPv6 interface columns take the kernel's verdicts, refuse what the policy
# denies and roll back with a failed SET; ipAddressSpinLock is a
# TestAndIncr.
IPSTACK_PRIVATE_MOUNTS=1
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

NS=$T/netns
mkdir "$NS" && touch "$NS/peer" && unshare --net="$NS/peer" true || fail "cannot make namespace peer"
in_peer() { nsenter --net="$NS/peer" "$@"; }
test_cleanup() { umount -ql "$NS"/* 2>/dev/null; }
ifindex() { ip -o link show "$1" | cut -d: -f1; }
. "$TESTS_LIB/ipmib_same.sh"

# ---- the namespace -----------------------------------------------------------
ip link add v0 type veth peer name v1 netns "$NS/peer" || fail "veth"
ip link add v2 type veth peer name v3 # v3 stays down: v2 has no carrier
ip link add ifb0 type ifb || fail "ifb"
ip link set v0 up && ip link set v2 up && in_peer ip link set lo up && in_peer ip link set v1 up
sysctl -qw net.ipv6.conf.v2.forwarding=1 net.ipv6.conf.ifb0.disable_ipv6=1
ip addr add 10.20.0.1/24 brd + dev v0
ip addr add 10.20.0.2/24 brd + dev v0                                   # secondary
ip addr add 10.20.9.9/32 dev v0
ip addr add 10.20.1.1/24 dev v0 valid_lft 3000 preferred_lft 3000       # a lifetime: DHCP's
ip addr add 10.30.0.1/24 dev ifb0
ip -6 addr add 2001:db8:20::1/64 dev v0 nodad
ip -6 addr add 2001:db8:21::1/64 dev v0 preferred_lft 0 nodad           # deprecated
ip -6 addr add 2001:db8:22::1/64 dev v2                                 # tentative: no carrier
in_peer ip addr add 10.20.0.100/24 dev v1
in_peer ip -6 addr add 2001:db8:20::99/64 dev v1 nodad
ip -6 addr add 2001:db8:20::99/64 dev v0                                # duplicate: DAD fails
ip neigh add 10.20.0.50 lladdr 02:00:00:00:00:50 dev v0 nud permanent
ip neigh add 10.20.0.51 lladdr 02:00:00:00:00:51 dev v0 nud stale
ip neigh add 10.20.0.52 lladdr 02:00:00:00:00:52 dev v0 nud noarp
ip neigh add 10.20.0.53 dev v0 nud incomplete
ip neigh add 10.20.0.54 dev v0 nud failed
ip -6 neigh add 2001:db8:20::50 lladdr 02:00:00:00:01:50 dev v0 nud permanent
ip -6 neigh add fe80::51 lladdr 02:00:00:00:01:51 dev v0 nud stale
wait_for 10 sh -c 'ip -j -6 addr show dev v0 | grep -q dadfailed' || fail "2001:db8:20::99 did not fail DAD"
wait_for 10 sh -c '! ip -6 addr show dev v0 scope link | grep -q tentative' || fail "v0's link-local stays tentative"
ping -c 1 -W 2 -q 10.20.0.100 >/dev/null || fail "no ping across the veth"
ip neigh show 10.20.0.100 | grep -q REACHABLE || fail "the peer is not REACHABLE: $(ip neigh show 10.20.0.100)"

SNMPD_EXTRA="com2sec -Cn peer sec_peer 127.0.0.1 peer
group ctxs v2c sec_peer
view every included .1
access ctxs \"\" any noauth prefix every none none"
start_snmpd
start_agent /proc "cacheLifetime 2" "netnsDir $NS" "netnsContexts all" \
	"writeAllow ipv6/conf/v0/*" "writeAllow ipv6/conf/v2/*" "writeAllow ipfrag_high_thresh"
wait_registered
wait_for 15 sh -c "snmpget -v2c -c peer -m '' -On 127.0.0.1:$PORT .1.3.6.1.2.1.2.1.0 | grep -q INTEGER" ||
	fail "the agent and its context 'peer' did not register"

# ---- rows and values -----------------------------------------------------------
IP=.1.3.6.1.2.1.4
same public $IP.35 physical
grep -q "^$IP.35.1.7.$(ifindex v0).1.4.10.20.0.100 = INTEGER: 1$" "$T/walked" ||
	fail "the neighbour from traffic is not reachable(1): $(grep "10.20.0.100 " "$T/walked")"
for state in 2 5 6 7; do # stale, invalid (failed), unknown (permanent, noarp), incomplete
	grep -q "^$IP.35.1.7.* = INTEGER: $state$" "$T/walked" || fail "no neighbour in state $state"
done
same public $IP.22 media
same public $IP.34 address
for status in 1 2 6 7; do # preferred, deprecated, tentative, duplicate
	grep -q "^$IP.34.1.7.* = INTEGER: $status$" "$T/walked" || fail "no address of status $status"
done
grep -q "^$IP.34.1.4.1.4.10.20.0.255 = INTEGER: 3$" "$T/walked" || fail "no broadcast row"
same public $IP.32 prefix
same public $IP.20 addr
same public $IP.28 if4
same public $IP.30 if6
same public $IP.36 zone
same peer $IP.34 address
same peer $IP.35 physical
same peer $IP.30 if6
same peer .1.3.6.1.2.1.2.2 if
same peer .1.3.6.1.2.1.31.1.1 ifx
n=$(in_peer ip -o link | wc -l)
snmpget -v2c -c peer -m '' -On 127.0.0.1:$PORT .1.3.6.1.2.1.2.1.0 | grep -q "= INTEGER: $n$" ||
	fail "ifNumber in context peer is not $n"
ok "context peer: ifNumber $n; every ifIndex of its IP tables has its ifTable row"

# ---- ipIfStatsTable: the IPv6 row of v0, between two readings of dev_snmp6 ---
V0=$(ifindex v0)
ping -6 -c 3 -i 0.2 -W 2 -q 2001:db8:20::99 >/dev/null 2>&1 # counted whatever the answer
declare -A KERNEL=([3]=Ip6InReceives [4]=Ip6InReceives [5]=Ip6InOctets [6]=Ip6InOctets
	[18]=Ip6InDelivers [19]=Ip6InDelivers [20]=Ip6OutRequests [21]=Ip6OutRequests
	[30]=Ip6OutTransmits [31]=Ip6OutTransmits [32]=Ip6OutOctets [33]=Ip6OutOctets
	[34]=Ip6InMcastPkts [38]=Ip6OutMcastPkts)
before=$(cat /proc/net/dev_snmp6/v0)
sleep 2.2 # past the lifetime: the walk reads anew
walked=$(walk $IP.31.3)
after=$(cat /proc/net/dev_snmp6/v0)
for col in "${!KERNEL[@]}"; do
	lo=$(awk -v k="${KERNEL[$col]}" '$1 == k { print $2 }' <<<"$before")
	hi=$(awk -v k="${KERNEL[$col]}" '$1 == k { print $2 }' <<<"$after")
	got=$(sed -n "s/^$IP.31.3.1.$col.2.$V0 = [A-Za-z0-9]*: //p" <<<"$walked")
	[ -n "$got" ] && [ "$got" -ge "$lo" ] && [ "$got" -le "$hi" ] ||
		fail "ipIfStats column $col of v0: '$got', the kernel's ${KERNEL[$col]} $lo..$hi"
done
[ "$(grep -c "^$IP.31.3.1.3.1\." <<<"$walked")" = 0 ] || fail "ipIfStatsTable has IPv4 rows"
ok "ipIfStatsTable: v0's ${#KERNEL[@]} counters between two readings of dev_snmp6/v0 (IPv6 rows only)"

# ---- TimeStamps: an address added now was created now ---------------------------
up() { get .1.3.6.1.2.1.1.3.0 | sed 's/.* = //'; }
t0=$(up)
ip addr add 10.20.7.7/24 dev v0
t1=$(up)
wait_for 5 sh -c "snmpget -v2c -c public -m '' -On -Ot 127.0.0.1:$PORT $IP.34.1.8.1.4.10.20.7.7 | grep -qv 'No Such'"
created=$(get $IP.34.1.8.1.4.10.20.7.7 | sed 's/.* = //')
[ "$created" -ge $((t0 - 100)) ] && [ "$created" -le $((t1 + 100)) ] ||
	fail "ipAddressCreated $created, sysUpTime was $t0..$t1 when it was added"
ok "ipAddressCreated of an address added at sysUpTime $t0..$t1: $created"

# ---- deletions: gone within cacheLifetime (2 s) + 1 s ------------------------------
gone_within() { # SECONDS OID: polls OID until it has no instance
	local start=$(date +%s%N) limit=$1 oid=$2
	while get "$oid" | grep -qv 'No Such Instance'; do
		[ $(( ($(date +%s%N) - start) / 1000000 )) -le $((limit * 1000)) ] || return 1
		sleep 0.1
	done
	echo $(( ($(date +%s%N) - start) / 1000000 ))
}
get $IP.34.1.3.1.4.10.20.9.9 | grep -q "INTEGER: $V0" || fail "10.20.9.9 not there to delete"
ip addr del 10.20.9.9/32 dev v0
ms=$(gone_within 3 $IP.34.1.3.1.4.10.20.9.9) || fail "10.20.9.9 still in ipAddressTable 3 s after its deletion"
ms2=$(gone_within 3 $IP.20.1.2.10.20.9.9) || fail "10.20.9.9 still in ipAddrTable"
ip neigh del 10.20.0.51 dev v0
ms3=$(gone_within 3 $IP.35.1.4.$V0.1.4.10.20.0.51) || fail "neighbour 10.20.0.51 still there"
IFB=$(ifindex ifb0)
[ "$(get $IP.27.0)" = "$IP.27.0 = 0" ] || fail "ipv4InterfaceTableLastChange before any change: $(get $IP.27.0)"
t0=$(up)
ip link del ifb0
t1=$(up)
ms4=$(gone_within 3 $IP.28.1.3.$IFB) || fail "ifb0 still in ipv4InterfaceTable"
ok "deleted address, neighbour and link gone after $ms, $ms2, $ms3 and $ms4 ms"
for last in 27 29; do # ipv4InterfaceTableLastChange, ipv6InterfaceTableLastChange
	changed=$(get $IP.$last.0 | sed 's/.* = //')
	[ "$changed" -ge $((t0 - 100)) ] && [ "$changed" -le $((t1 + 400)) ] ||
		fail "$IP.$last.0 is $changed; ifb0 went at sysUpTime $t0..$t1"
done
ok "ipv4InterfaceTableLastChange and ipv6InterfaceTableLastChange: 0, then $changed when ifb0 went"

# ---- SETs ------------------------------------------------------------------------------
FWD=$IP.30.1.8 ENABLE=$IP.30.1.4
F6=/proc/sys/net/ipv6/conf/v0/forwarding
[ "$(kernel_says /proc/sys/net/ipv6/conf/lo/forwarding 1 | head -n 1)" = ok ] ||
	fail "this kernel refuses forwarding 1"
out=$(set_ $FWD.$V0 i 1)
[ "$(status "$out")" = ok ] && [ "$(cat $F6)" = 1 ] || fail "ipv6InterfaceForwarding 1: $out; $(cat $F6)"
wait_for 4 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $FWD.$V0 | grep -q 'INTEGER: 1$'" ||
	fail "ipv6InterfaceForwarding does not read 1 after the SET"
grep -q "SET ipv6/conf/v0/forwarding: '0' -> '1'" "$T/agent.log" || fail "the SET is not logged"
[ "$(status "$(set_ $FWD.$V0 i 3)")" = wrongValue ] && [ "$(cat $F6)" = 1 ] || fail "forwarding 3"
[ "$(status "$(set_ $FWD.$V0 s 1)")" = wrongType ] || fail "forwarding as a string"
V2=$(ifindex v2) D2=/proc/sys/net/ipv6/conf/v2/disable_ipv6
[ "$(kernel_says /proc/sys/net/ipv6/conf/lo/disable_ipv6 1 | head -n 1)" = ok ] ||
	fail "this kernel refuses disable_ipv6 1"
[ "$(status "$(set_ $ENABLE.$V2 i 2)")" = ok ] && [ "$(cat $D2)" = 1 ] || fail "EnableStatus down"
[ "$(status "$(set_ $ENABLE.$V2 i 1)")" = ok ] && [ "$(cat $D2)" = 0 ] || fail "EnableStatus up"
ok "ipv6InterfaceForwarding and ipv6InterfaceEnableStatus write forwarding and disable_ipv6, as the kernel takes them"

lo0=$(cat /proc/sys/net/ipv6/conf/lo/forwarding)
out=$(set_ $FWD.1 i 1)
[ "$(status "$out")" = notWritable ] && [ "$(cat /proc/sys/net/ipv6/conf/lo/forwarding)" = "$lo0" ] ||
	fail "lo is not in writeAllow: $out"
grep -q "SET ipv6/conf/lo/forwarding refused: not allowed by the configuration" "$T/agent.log" ||
	fail "the policy's refusal is not logged"
[ "$(status "$(set_ $ENABLE.999 i 1)")" = noCreation ] || fail "a row of no interface"
[ "$(status "$(set_ $IP.28.1.3.$V0 i 1)")" = notWritable ] || fail "ipv4InterfaceEnableStatus"
[ "$(status "$(set_ $IP.34.1.10.1.4.10.20.0.1 i 1)")" = notWritable ] || fail "ipAddressRowStatus"
[ "$(status "$(set_ $IP.35.1.8.$V0.1.4.10.20.0.50 i 6)")" = notWritable ] || fail "ipNetToPhysicalRowStatus"
ok "refused: an interface writeAllow does not name, a missing row, read-only columns; nothing written"

kernel_refuses /proc/sys/net/ipv4/ipfrag_high_thresh 1 || fail "this kernel takes ipfrag_high_thresh 1"
out=$(set_ $FWD.$V0 i 2 .1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1.2"$(idx ipfrag_high_thresh)" s 1)
[ "$(status "$out")" = commitFailed ] && [ "$(cat $F6)" = 1 ] || fail "not rolled back: $out; $(cat $F6)"
grep -q "SET rolled back: ipv6/conf/v0/forwarding restored to '1'" "$T/agent.log" || fail "rollback not logged"
ok "a kernel refusal of the second varbind rolls back ipv6InterfaceForwarding"

SPIN=$IP.33.0
v=$(get $SPIN | sed -n 's/.*INTEGER: //p')
[ -n "$v" ] || fail "no ipAddressSpinLock: $(get $SPIN)"
[ "$(status "$(set_ $SPIN i "$v")")" = ok ] || fail "ipAddressSpinLock at its value"
[ "$(status "$(set_ $SPIN i "$v")")" = inconsistentValue ] || fail "ipAddressSpinLock at its old value"
[ "$(get $SPIN)" = "$SPIN = INTEGER: $(( (v + 1) % 2147483648 ))" ] || fail "ipAddressSpinLock did not advance"
ok "ipAddressSpinLock: its value passes and advances it, the old one is inconsistentValue"
