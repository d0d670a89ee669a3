#!/bin/bash
# notifyTunableChanges: ipstackTunableChanged through the master to a real
# snmptrapd, in a private network namespace (and a namespace context made
# here).  A netconf-announced change arrives within 2 s, a polled one
# within tunablePollInterval + 1 s; a SET through us is told once, as snmp,
# and never again as outside; a burst is told at most once a second and
# ends on the final value; a context's change names the context.
IPSTACK_PRIVATE_MOUNTS=1
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

NS=$T/netns
mkdir "$NS"
touch "$NS/blue" && unshare --net="$NS/blue" true || fail "cannot make namespace blue"
test_cleanup() { umount -ql "$NS"/* 2>/dev/null; [ -f "$T/trapd.pid" ] && kill "$(cat "$T/trapd.pid")" 2>/dev/null; }

CHANGED=.1.3.6.1.4.1.8072.9999.9999.1.0.1
OLD=.1.3.6.1.4.1.8072.9999.9999.1.1.5.2.0 SOURCE=.1.3.6.1.4.1.8072.9999.9999.1.1.5.3.0
CONTEXT=.1.3.6.1.4.1.8072.9999.9999.1.1.5.4.0 LAST=.1.3.6.1.4.1.8072.9999.9999.1.1.4.8.0
POLL=6

TRAPPORT=$((40000 + RANDOM % 20000))
echo "disableAuthorization yes" > "$T/trapd.conf"
snmptrapd -f -C -c "$T/trapd.conf" -m '' -On -F 'TRAP\t%v\n' -Lf "$T/traps.log" \
	-p "$T/trapd.pid" "udp:127.0.0.1:$TRAPPORT" &
SNMPD_EXTRA="trap2sink 127.0.0.1:$TRAPPORT public"
start_snmpd
start_agent /proc "notifyTunableChanges yes" "tunablePollInterval $POLL" "writeAllow tcp_syncookies" \
	"cacheLifetime 0" "netnsDir $NS" "netnsContexts all"
wait_registered
sleep 2 # the first look learns every value

# traps PATH: ours for PATH, one line each: "value|old|source|context"
traps() {
	local col
	col=$SYSCTL_VALUE$(idx "$1")
	grep -F "OID: $CHANGED" "$T/traps.log" | grep -F "$col = " | tr '\t' '\n' |
		awk -v c="$col = " -v o="$OLD = " -v s="$SOURCE = " -v x="$CONTEXT = " '
			index($0, c) == 1 { v = substr($0, length(c) + 1) }
			index($0, o) == 1 { old = substr($0, length(o) + 1) }
			index($0, s) == 1 { src = substr($0, length(s) + 1) }
			index($0, x) == 1 { print v "|" old "|" src "|" substr($0, length(x) + 1) }'
}
count() { traps "$1" | grep -c . || :; }
# wait_traps PATH N SECONDS: until PATH has N traps; the milliseconds taken
wait_traps() {
	local t0=$(date +%s%N)
	wait_for "$3" sh -c "[ \$(grep -F 'OID: $CHANGED' '$T/traps.log' | grep -cF '$SYSCTL_VALUE$(idx "$1") = ') -ge $2 ]" ||
		fail "$1: $(count "$1") notifications after $3 s, want $2: $(traps "$1")"
	echo $((($(date +%s%N) - t0) / 1000000))
}

# other NOW: a value other than NOW among 0, 1, 2
other() { echo $((($1 + 1) % 3)); }

# 1. A netconf-announced change (rp_filter): within 2 s.
was=$(cat /proc/sys/net/ipv4/conf/lo/rp_filter) new=$(other "$(cat /proc/sys/net/ipv4/conf/lo/rp_filter)")
echo "$new" > /proc/sys/net/ipv4/conf/lo/rp_filter
ms=$(wait_traps conf/lo/rp_filter 1 2)
[ "$(traps conf/lo/rp_filter)" = "STRING: \"$new\"|STRING: \"$was\"|INTEGER: 2|\"\"" ] ||
	fail "rp_filter's notification: $(traps conf/lo/rp_filter)"
ok "netconf change (conf/lo/rp_filter $was -> $new) told after $ms ms: new, old, outside, context ''"

# 2. A SET through us: one notification, source snmp...
was=$(cat /proc/sys/net/ipv4/tcp_syncookies) new=$(other "$(cat /proc/sys/net/ipv4/tcp_syncookies)")
[ "$(status "$(set_ "$SYSCTL_VALUE$(idx tcp_syncookies)" s "$new")")" = ok ] || fail "SET tcp_syncookies"
ms=$(wait_traps tcp_syncookies 1 2)
[ "$(traps tcp_syncookies)" = "STRING: \"$new\"|STRING: \"$was\"|INTEGER: 1|\"\"" ] ||
	fail "the SET's notification: $(traps tcp_syncookies)"
# ...and 3. a polled change after it: the poll that sees it saw the SET's
# value too, and told nothing of it.
third=$(other "$new")
echo "$third" > /proc/sys/net/ipv4/tcp_syncookies
ms2=$(wait_traps tcp_syncookies 2 $((POLL + 1)))
[ "$(traps tcp_syncookies | tail -n 1)" = "STRING: \"$third\"|STRING: \"$new\"|INTEGER: 2|\"\"" ] &&
	[ "$(count tcp_syncookies)" = 2 ] || fail "tcp_syncookies: $(traps tcp_syncookies)"
ok "a SET: one notification, snmp, after $ms ms, no outside one; a polled change told after $ms2 ms (poll $POLL s)"
# ...and one of the last a poll reads (of some 485 here, read 256 at a
# time with requests answered in between; the tree's order is the index's:
# shorter paths first): the poll gets to the end.
late=ipv6/neigh/lo/base_reachable_time_ms
pos=$(find /proc/sys/net/ipv4 /proc/sys/net/ipv6 -type f -perm /200 | sed 's|^/proc/sys/net/||' |
	awk '{ print length($0), $0 }' | LC_ALL=C sort -k1,1n -k2 | grep -n " $late\$" | cut -d: -f1)
[ "${pos:-0}" -gt 256 ] || fail "$late is tunable ${pos:-none} in the order read: not in a later slice"
was=$(cat "/proc/sys/net/$late")
echo $((was + 1000)) > "/proc/sys/net/$late"
ms3=$(wait_traps "$late" 1 $((POLL + 1)))
[ "$(traps "$late")" = "STRING: \"$((was + 1000))\"|STRING: \"$was\"|INTEGER: 2|\"\"" ] ||
	fail "$late: $(traps "$late")"
ok "tunable $pos of the poll ($late) told after $ms3 ms"
# ipstackTunableLastChange: the sysUpTime the last one carried (-Ot: a number)
lc=$(get $LAST | sed -n "s/^$LAST = \([0-9]*\)\$/\1/p")
sent=$(grep -F "OID: $CHANGED" "$T/traps.log" | tail -n 1 | sed 's/.*Timeticks: (\([0-9]*\)).*/\1/')
[ -n "$lc" ] && [ "$lc" -ge $((sent - 1)) ] && [ "$lc" -le $((sent + 1)) ] ||
	fail "ipstackTunableLastChange $(get $LAST), the last notification's sysUpTime $sent"

# 4. A burst of 500 writes: at most one a second, ending on the last value.
before=$(count conf/lo/rp_filter)
t0=$(date +%s%N)
python3 -c '
import os
for i in range(500):
    with open("/proc/sys/net/ipv4/conf/lo/rp_filter", "w") as f:
        f.write(str(i % 3))
with open("/proc/sys/net/ipv4/conf/lo/rp_filter", "w") as f:
    f.write("2")'
secs=$((($(date +%s%N) - t0) / 1000000000 + 1))
sleep 2.5
n=$(($(count conf/lo/rp_filter) - before))
[ "$n" -ge 1 ] && [ "$n" -le $((secs + 2)) ] || fail "$n notifications for a burst of $secs s"
traps conf/lo/rp_filter | tail -n 1 | grep -q '^STRING: "2"|' || fail "the burst did not end on 2: $(traps conf/lo/rp_filter | tail -n 2)"
ok "501 writes in under $secs s: $n notifications, the last with the final value"

# 5. A namespace context's change names it.
mine=$(cat /proc/sys/net/ipv4/conf/all/rp_filter)
new=$(other "$(nsenter --net="$NS/blue" cat /proc/sys/net/ipv4/conf/all/rp_filter)")
nsenter --net="$NS/blue" sh -c "echo $new > /proc/sys/net/ipv4/conf/all/rp_filter"
ms=$(wait_traps conf/all/rp_filter 1 2)
traps conf/all/rp_filter | grep -q '|STRING: "blue"$' || fail "blue's change: $(traps conf/all/rp_filter)"
[ "$(cat /proc/sys/net/ipv4/conf/all/rp_filter)" = "$mine" ] || fail "the default namespace changed"
ok "namespace blue's conf/all/rp_filter told after $ms ms with context 'blue'"
