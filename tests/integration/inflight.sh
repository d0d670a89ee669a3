#!/bin/bash
# A SET in flight when the master dies: with a test-only switch the daemon
# stalls a named SET phase after its first varbind; the test kills snmpd
# during the stall.  Every tunable must end at its old or its new value,
# never half-written, and the daemon must carry on with the next master.
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"
agentx_only "snmpd dies during its SET and it carries on with the next"
if [ "${TEST_HOOKS:-no}" != yes ]; then
	echo "SKIP: needs the daemon built with ./configure --enable-test-hooks"
	exit 77
fi

SYS=/proc/sys/net/ipv4
E=.1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1
RMEM=$E.2.8.116.99.112.95.114.109.101.109        # "tcp_rmem"
WMEM=$E.2.8.116.99.112.95.119.109.101.109        # "tcp_wmem"
TW=$E.2.12.116.99.112.95.116.119.95.114.101.117.115.101 # "tcp_tw_reuse"

start_snmpd
for phase in RESERVE2 ACTION COMMIT; do
	old_r=$(cat $SYS/tcp_rmem) old_w=$(cat $SYS/tcp_wmem) old_t=$(cat $SYS/tcp_tw_reuse)
	new_r="4096	65536	1048576" new_w="4096	32768	524288" new_t=$(( (old_t + 1) % 3 ))
	: > "$T/agent.log"
	IPSTACK_TEST_STALL_PHASE=$phase IPSTACK_TEST_STALL_SECONDS=2 \
		start_agent /proc "writeAllow tcp_rmem" "writeAllow tcp_wmem" "writeAllow tcp_tw_reuse"
	wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $TW | grep -q STRING" ||
		fail "$phase: agent did not come up"
	snmpset -v2c -c private -m '' -On -t 10 -r 0 "127.0.0.1:$PORT" \
		"$RMEM" s "$new_r" "$WMEM" s "$new_w" "$TW" s "$new_t" > "$T/set.out" 2>&1 &
	SETTER=$!
	wait_for 10 grep -q "test: stalling SET phase $phase" "$T/agent.log" || fail "$phase: no stall"
	kill -9 "$SNMPD_PID"; wait "$SNMPD_PID" 2>/dev/null
	wait "$SETTER" 2>/dev/null
	wait_for 10 grep -q "test: SET phase $phase goes on" "$T/agent.log" || fail "$phase: stall never ended"
	for t in "tcp_rmem|$old_r|$new_r" "tcp_wmem|$old_w|$new_w" "tcp_tw_reuse|$old_t|$new_t"; do
		IFS='|' read -r path old new <<<"$t"
		now=$(cat "$SYS/$path")
		[ "$now" = "$old" ] || [ "$now" = "$new" ] ||
			fail "$phase: $path is '$now', neither old '$old' nor new '$new'"
		echo "  $phase: $path $( [ "$now" = "$old" ] && echo old || echo new)"
	done
	if ! kill -0 "$AGENT_PID" 2>/dev/null; then
		wait "$AGENT_PID"
		fail "$phase: the daemon died (exit status $?)"
	fi
	restart_snmpd
	wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $TW | grep -q STRING" ||
		fail "$phase: not back with the new master"
	stop_agent
	printf '%s' "$old_r" > $SYS/tcp_rmem; printf '%s' "$old_w" > $SYS/tcp_wmem
	printf '%s' "$old_t" > $SYS/tcp_tw_reuse
	ok "master killed during $phase: every tunable old or new, daemon carried on"
done
