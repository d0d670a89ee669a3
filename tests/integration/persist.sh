#!/bin/bash
# persistSets: SETs of the default context kept in a sysctl.d(5) file, in a
# private network namespace and a private mount namespace whose
# /etc/sysctl.d is a tmpfs, so nothing of the host's is read or written.
# The file after a SET, after a second SET of the same tunable, after a
# rolled-back SET and a refused one; readers never see half a file; and
# `sysctl -p` in a fresh namespace applies it.  Every line in the file is a
# net.* tunable: `sysctl -p` below must not reach the host.
IPSTACK_PRIVATE_MOUNTS=1
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

mount -t tmpfs -o mode=0755 tmpfs /etc/sysctl.d || fail "cannot mount a tmpfs over /etc/sysctl.d"
F=/etc/sysctl.d/90-ipstack-agentx.conf
printf '# kept as it is\nnet.ipv4.tcp_fin_timeout = 50\nnet/ipv4/tcp_syncookies=1\n' > $F
PERSISTED=$SYSCTL_ENTRY.9
TTL=.1.3.6.1.2.1.4.2.0
persisted() { get "$PERSISTED$(idx "$1")" | sed 's/.*INTEGER: //'; }

start_snmpd
start_agent /proc "writeAllow tcp_syncookies" "writeAllow ipv6/conf/*/accept_ra" \
	"writeAllow ipfrag_high_thresh" "persistSets $F" "cacheLifetime 0"
wait_registered

# ipstackSysctlPersisted: the file's value against the current one
echo 1 > /proc/sys/net/ipv4/tcp_syncookies
[ "$(persisted tcp_syncookies)" = 1 ] || fail "tcp_syncookies 1 is in the file: $(persisted tcp_syncookies)"
[ "$(persisted ip_default_ttl)" = 2 ] || fail "ip_default_ttl is not in the file"
echo 2 > /proc/sys/net/ipv4/tcp_syncookies
[ "$(persisted tcp_syncookies)" = 2 ] || fail "tcp_syncookies 2 differs from the file's 1"

# A SET adds its line; a second SET of the same tunable replaces it.
[ "$(status "$(set_ $TTL i 99)")" = ok ] || fail "SET ipDefaultTTL 99"
grep -qx 'net.ipv4.ip_default_ttl = 99' $F || fail "no line for ip_default_ttl: $(cat $F)"
[ "$(stat -c %a $F)" = 644 ] || fail "mode $(stat -c %a $F)"
[ "$(status "$(set_ $TTL i 98 "$SYSCTL_VALUE$(idx tcp_syncookies)" s 0 \
	"$SYSCTL_VALUE$(idx ipv6/conf/lo/accept_ra)" s 0)")" = ok ] || fail "SET of three"
expected='# kept as it is
net.ipv4.tcp_fin_timeout = 50
net.ipv4.tcp_syncookies = 0
net.ipv4.ip_default_ttl = 98
net.ipv6.conf.lo.accept_ra = 0'
[ "$(cat $F)" = "$expected" ] || fail "the file after two SETs:
$(cat $F)"
[ "$(persisted ip_default_ttl)" = 1 ] && [ "$(persisted ipv6/conf/lo/accept_ra)" = 1 ] ||
	fail "ipstackSysctlPersisted after the SETs: $(persisted ip_default_ttl) $(persisted ipv6/conf/lo/accept_ra)"
ok "a SET adds its line, a second one replaces it; comments and other lines kept; mode 644"

# Rolled back (the kernel refuses the last varbind): the file as it was.
cp $F "$T/before.conf"
out=$(set_ $TTL i 77 "$SYSCTL_VALUE$(idx tcp_syncookies)" s 1 "$SYSCTL_VALUE$(idx ipfrag_high_thresh)" s 1)
[ "$(status "$out")" = commitFailed ] || fail "rollback case: $out"
cmp -s $F "$T/before.conf" || fail "a rolled-back SET changed the file: $(diff "$T/before.conf" $F)"
grep -q "SET rolled back: persistSets file $F restored" "$T/agent.log" || fail "the file's undo is not logged"
# Refused before anything is written: the file cannot be written.
mount -o remount,ro /etc/sysctl.d
out=$(set_ $TTL i 66)
mount -o remount,rw /etc/sysctl.d
[ "$(status "$out")" = resourceUnavailable ] || [ "$(status "$out")" = commitFailed ] ||
	fail "SET with a read-only persistSets file: $out"
[ "$(cat /proc/sys/net/ipv4/ip_default_ttl)" = 98 ] || fail "written although the file could not be"
grep -q "persistSets: $F cannot be written (Read-only file system); nothing was written" "$T/agent.log" ||
	fail "the refusal is not logged: $(tail -n 3 "$T/agent.log")"
ok "a rolled-back SET leaves the file as it was; an unwritable file refuses the SET, /proc untouched"

# Readers see the old file or the new one, never a part.
(
	bad=0
	for _ in $(seq 1000); do
		t=$(cat $F)
		case $t in '# kept as it is'*'net.ipv6.conf.lo.accept_ra = '[01]) ;; *) bad=$((bad + 1)) ;; esac
	done
	echo "$bad" > "$T/partial"
) &
READER=$!
sets=0
while kill -0 $READER 2>/dev/null && [ $sets -lt 100 ]; do
	set_ "$SYSCTL_VALUE$(idx ipv6/conf/lo/accept_ra)" s $((sets % 2)) > /dev/null
	sets=$((sets + 1))
done
wait $READER
[ "$(cat "$T/partial")" = 0 ] || fail "$(cat "$T/partial") reads saw a partial file"
ok "$sets SETs while a reader read the file 1000 times: no partial file"

# What the file says is what a boot would apply.
out=$(unshare -n sh -c "sysctl -q -p $F && cat /proc/sys/net/ipv4/ip_default_ttl \
	/proc/sys/net/ipv4/tcp_syncookies /proc/sys/net/ipv4/tcp_fin_timeout" 2>&1 | tr '\n' ' ')
[ "$out" = "98 0 50 " ] || fail "sysctl -p in a fresh namespace: $out"
ok "sysctl -p of the file in a fresh namespace sets what SNMP set"
