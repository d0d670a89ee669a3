#!/bin/bash
# Hostile managers and hostile trees: writes that would change a denied file
# through a kernel alias, undo of aliased and empty entries, values that try
# to forge log lines, a reload in the middle of a SET, symbolic links and
# duplicate names under the proc root.  In a private network namespace,
# since it writes forwarding flags.
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

SYS=/proc/sys/net/ipv4
FWD=.1.3.6.1.2.1.4.1.0
val() { echo "$SYSCTL_VALUE$(idx "$1")"; }
# ipstackAgent is registered last: once it answers, every region is ours.
registered() { get .1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0 | grep -q Counter32; }
reconfigure() { # LINES...: new agent.conf, SIGHUP, wait for the reload
	local n
	n=$(grep -c 'configuration re-read' "$T/agent.log")
	agent_conf "$@"
	kill -HUP "$AGENT_PID"
	wait_for 5 sh -c "[ \$(grep -c 'configuration re-read' '$T/agent.log') -gt $n ]" ||
		fail "reload not done: $(tail -n 3 "$T/agent.log")"
}

# The master waits long enough for a stalled phase (see the reload case).
SNMPD_EXTRA="agentXTimeout 10" start_snmpd
echo 0 > $SYS/ip_forward
start_agent /proc "writeDeny conf/*/forwarding"
wait_for 15 registered || fail "agent did not come up"

# 1. ip_forward rewrites every conf/*/forwarding: a deny of those holds.
[ "$(status "$(set_ $FWD i 1)")" = notWritable ] || fail "ipForwarding passed writeDeny conf/*/forwarding"
[ "$(cat $SYS/ip_forward)$(cat $SYS/conf/lo/forwarding)" = 00 ] || fail "forwarding written"
grep -q "SET ip_forward refused: the kernel would also change conf/.*/forwarding, which writeDeny names" \
	"$T/agent.log" || fail "the alias refusal is not logged"
reconfigure "writeAllow conf/lo/forwarding"
[ "$(status "$(set_ "$(val conf/lo/forwarding)" s 1)")" = ok ] || fail "conf/lo/forwarding alone"
[ "$(status "$(set_ "$(val conf/all/forwarding)" s 1)")" = notWritable ] ||
	fail "conf/all/forwarding without a writeAllow for what it changes"
echo 0 > $SYS/conf/lo/forwarding
ok "a write is refused when the kernel would also change a denied or not allowed file"

# 2. Undo in reverse order of application, aliases included.  Start with
# forwarding off but on for lo, redirects off: conf/lo/forwarding := 0,
# then ip_forward := 1 (which sets lo back to 1 and all/accept_redirects
# to 0... to !1), then a write the kernel refuses.
reconfigure "writeAllow conf/*/forwarding" "writeAllow conf/all/accept_redirects" \
	"writeAllow ipfrag_high_thresh" "writeAllow ip_local_reserved_ports" "writeAllow tcp_syncookies"
kernel_refuses $SYS/ipfrag_high_thresh 1 ||
	fail "this kernel takes ipfrag_high_thresh 1: the cases need a write it refuses"
echo 1 > $SYS/conf/lo/forwarding
echo 0 > $SYS/conf/all/accept_redirects
before=$(grep . $SYS/ip_forward $SYS/conf/*/forwarding $SYS/conf/*/accept_redirects)
out=$(set_ "$(val conf/lo/forwarding)" s 0 "$(val ip_forward)" s 1 "$(val ipfrag_high_thresh)" s 1)
[ "$(status "$out")" = commitFailed ] || fail "the third write was not refused: $out"
after=$(grep . $SYS/ip_forward $SYS/conf/*/forwarding $SYS/conf/*/accept_redirects)
[ "$after" = "$before" ] || fail "not restored: before
$before
after
$after"
ok "a failed SET of conf/lo/forwarding and ip_forward restores every file the kernel changed"

# 3. An empty old value is restored (an empty write would be ignored).
echo > $SYS/ip_local_reserved_ports
out=$(set_ "$(val ip_local_reserved_ports)" s 1000 "$(val ipfrag_high_thresh)" s 1)
[ "$(status "$out")" = commitFailed ] || fail "ip_local_reserved_ports case: $out"
[ -z "$(cat $SYS/ip_local_reserved_ports)" ] ||
	fail "ip_local_reserved_ports left at '$(cat $SYS/ip_local_reserved_ports)'"
ok "an empty ip_local_reserved_ports is restored"

# 4. Values cannot forge log lines.
forged="0
SET ip_forward: '0' -> '1'"
set_ "$(val tcp_timestamps)" s "$forged" > /dev/null
set_ "$(val tcp_syncookies)" s "999${forged#0}" > /dev/null
grep -q "^SET ip_forward: '0' -> '1'" "$T/agent.log" && fail "a forged line reached the log"
grep -qF "(value '0\\x0aSET ip_forward: \\'0\\' -> \\'1\\'')" "$T/agent.log" ||
	fail "the refused value is not shown escaped: $(grep tcp_timestamps "$T/agent.log")"
grep -qF "'999\\x0aSET ip_forward: \\'0\\' -> \\'1\\'': " "$T/agent.log" ||
	fail "the invalid value is not shown escaped"
long=$(printf "x%.0s" $(seq 100))
set_ "$(val tcp_timestamps)" s "$long" > /dev/null
grep -q "value 'x\{64\}\.\.\.')" "$T/agent.log" || fail "a long value is not cut at 64 bytes"
ok "refused values are logged escaped and at most 64 bytes"

# 5. A reload never lands inside a SET: stalled in ACTION, SIGHUP denies
# the entry; this SET still completes under the old settings, the next is
# refused.  The stall is a test hook (./configure --enable-test-hooks).
stop_agent
if [ "${TEST_HOOKS:-no}" = yes ]; then
	IPSTACK_TEST_STALL_PHASE=ACTION IPSTACK_TEST_STALL_SECONDS=2 \
		start_agent /proc "writeAllow tcp_syncookies"
	wait_for 15 registered || fail "agent did not come back"
	old=$(cat $SYS/tcp_syncookies) new=$(( ($(cat $SYS/tcp_syncookies) + 1) % 3 ))
	snmpset -v2c -c private -m '' -On -t 20 -r 0 "127.0.0.1:$PORT" "$(val tcp_syncookies)" s $new \
		> "$T/set.out" 2>&1 &
	SETTER=$!
	wait_for 10 grep -q "test: stalling SET phase ACTION" "$T/agent.log" || fail "no stall"
	agent_conf "writeAllow tcp_syncookies" "writeDeny tcp_syncookies"
	kill -HUP "$AGENT_PID"
	wait "$SETTER"
	[ "$(status "$(cat "$T/set.out")")" = ok ] && [ "$(cat $SYS/tcp_syncookies)" = $new ] ||
		fail "the SET in flight: $(cat "$T/set.out")"
	wait_for 5 grep -q "configuration re-read" "$T/agent.log" || fail "the reload never came"
	committed=$(grep -n "SET tcp_syncookies: '$old' -> '$new'" "$T/agent.log" | cut -d: -f1)
	reread=$(grep -n "configuration re-read" "$T/agent.log" | tail -n 1 | cut -d: -f1)
	[ -n "$committed" ] && [ "$committed" -lt "$reread" ] ||
		fail "the reload ran inside the SET (commit line $committed, reload line $reread)"
	[ "$(status "$(set_ "$(val tcp_syncookies)" s $old)")" = notWritable ] || fail "the next SET passed"
	echo "$old" > $SYS/tcp_syncookies
	ok "SIGHUP during a SET takes effect after its commit"
	stop_agent
else
	echo "skipped: SIGHUP during a SET (no test hooks in this build)"
fi

# 6. Symbolic links under the proc root are never followed, to read or write.
cp -r "$TESTS_DATA/linux-6.18" "$T/fx"
echo 1 > "$T/fx/sys/net/ipv4/tcp_syncookies"
printf 'SECRET-CONTENT\n' > "$T/secret"
mv "$T/fx/net/sockstat" "$T/sockstat" && ln -s "$T/sockstat" "$T/fx/net/sockstat"
start_agent "$T/fx" "writeAllow tcp_syncookies" "cacheLifetime 0"
wait_agent "$T/fx"
rm "$T/fx/sys/net/ipv4/tcp_syncookies" && ln -s "$T/secret" "$T/fx/sys/net/ipv4/tcp_syncookies"
get "$(val tcp_syncookies)" | grep -q SECRET && fail "a linked sysctl entry was read"
[ "$(status "$(set_ "$(val tcp_syncookies)" s 0)")" != ok ] || fail "a linked sysctl entry was written"
[ "$(cat "$T/secret")" = SECRET-CONTENT ] || fail "the link's target was written"
grep -q SECRET "$T/agent.log" && fail "the link target's content reached the log"
grep -q "net/sockstat: cannot read: a symbolic link, not followed" "$T/agent.log" ||
	fail "the linked net/sockstat is not reported"
ok "symbolic links in the tree: not read, not written, reported"
stop_agent

# 7. A name printed twice: the first wins, walks stay increasing, one line.
cp -r "$TESTS_DATA/linux-6.18" "$T/dup"
sed -n '1,2p' "$T/dup/net/snmp" | sed '2s/^Ip: \([0-9]*\) \([0-9]*\) \([0-9]*\)/Ip: \1 \2 777/' \
	>> "$T/dup/net/snmp"
in_receives=$(sed -n '2p' "$T/dup/net/snmp" | awk '{ print $4 }')
start_agent "$T/dup" "cacheLifetime 0"
wait_agent "$T/dup"
COUNTERS=.1.3.6.1.4.1.8072.9999.9999.1.1.1
for i in 1 2 3; do
	snmpwalk -v2c -c public -m '' -On -t 2 "127.0.0.1:$PORT" $COUNTERS > "$T/walk" 2>&1 ||
		fail "walk $i: $(tail -n 2 "$T/walk")"
done
grep -q "not increasing" "$T/walk" && fail "walk not increasing"
IN_RECEIVES=$COUNTERS.1.1.4$(idx snmp)$(idx Ip)$(idx InReceives)
[ "$(get "$IN_RECEIVES")" = "$IN_RECEIVES = Counter64: $in_receives" ] ||
	fail "the first InReceives is not the one served: $(get "$IN_RECEIVES")"
[ "$(grep -c "net/snmp line 13: Ip: 20 names printed again; the first of each is served" \
	"$T/agent.log")" -eq 1 ] ||
	fail "the duplicate is not logged exactly once: $(grep -c 'printed again' "$T/agent.log")"
ok "a duplicate name: the first one served, walks increasing, logged once"
