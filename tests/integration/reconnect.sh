#!/bin/bash
# The master may be missing at start, may die and come back; SIGHUP
# re-reads the configuration without dropping the session.
. "$TESTS_LIB/harness.sh"
agentx_only "a master missing, dying and coming back"

FX="$TESTS_DATA/linux-6.18"
RATE=.1.3.6.1.2.1.4.31.1.1.47.1

connects() { grep -c "AgentX subagent connected" "$T/agent.log"; }

# Master unreachable at start: the daemon keeps retrying.
start_agent "$FX"
wait_for 5 grep -q "cannot connect to the AgentX master at $SOCK: no such socket" "$T/agent.log" ||
	fail "no log line about the missing master"
kill -0 "$AGENT_PID" || fail "daemon exited without a master"
start_snmpd
wait_agent "$FX"
ok "started before the master, connected once it came ($(connects) connect)"

# The master is killed and restarted 10 times while a client keeps walking;
# the daemon's descriptors and memory must not grow.
fds() { ls "/proc/$AGENT_PID/fd" | wc -l; }
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$AGENT_PID/status"; }
( end=$((SECONDS + 120))
  while [ $SECONDS -lt $end ]; do
	snmpbulkwalk -v2c -c public -m '' -On -t 1 -r 0 "127.0.0.1:$PORT" .1.3.6.1.2.1.4 > /dev/null 2>&1
  done ) &
WALKER=$!
for round in $(seq 10); do
	kill -9 "$SNMPD_PID"; wait "$SNMPD_PID" 2>/dev/null
	restart_snmpd
	wait_agent "$FX"
	[ "$(connects)" -eq $((round + 1)) ] || fail "round $round: $(connects) connects"
	[ "$round" -eq 1 ] && { fd1=$(fds); rss1=$(rss); }
done
fd10=$(fds) rss10=$(rss)
kill "$WALKER" 2>/dev/null; wait "$WALKER" 2>/dev/null
grep -q "AgentX master disconnected us, reconnecting" "$T/agent.log" ||
	fail "no log line about the lost master"
# Our regions nest (ip 4 holds 4.1 ...): re-registered once each, never
# refused as duplicates of their own pieces.
grep -q "registering pdu failed" "$T/agent.log" &&
	fail "a re-registration was refused: $(grep -c 'registering pdu failed' "$T/agent.log") times"
[ "$fd10" -eq "$fd1" ] || fail "descriptors grew: $fd1 after restart 1, $fd10 after restart 10"
# Under ASan, freed memory sits in the allocator's quarantine and RSS says
# nothing about leaks; there LeakSanitizer is the check, here RSS is.
if [ "${SANITIZED:-no}" != yes ]; then
	[ $((rss10 - rss1)) -le 512 ] || fail "RSS grew: $rss1 KiB after restart 1, $rss10 KiB after 10"
fi
ok "master killed and restarted 10 times under a walking client: reconnected each time; fds $fd1 -> $fd10, RSS $rss1 -> $rss10 KiB"

# LINUX-IPSTACK-MIB::ipstackAgentReconnects.0 counts them.
RECONNECTS=.1.3.6.1.4.1.8072.9999.9999.1.1.4.4.0
wait_for 5 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $RECONNECTS | grep -q 'Counter32: 10$'" ||
	fail "ipstackAgentReconnects: $(get $RECONNECTS)"
ok "ipstackAgentReconnects.0 = 10"

[ "$(get $RATE)" = "$RATE = Gauge32: 1000" ] || fail "default refresh rate: $(get $RATE)"
printf 'agentXPingInterval 1\ncacheLifetime 0.25\n' > "$T/agent.conf"
kill -HUP "$AGENT_PID"
wait_for 5 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $RATE | grep -q 'Gauge32: 250$'" ||
	fail "after SIGHUP: $(get $RATE)"
[ "$(connects)" -eq 11 ] || fail "SIGHUP reconnected the session"
ok "SIGHUP: new cache lifetime in force, session kept"

printf 'agentXPingInterval 1\ncacheLifetime forever\n' > "$T/agent.conf"
kill -HUP "$AGENT_PID"
wait_for 5 grep -q "configuration not re-read: 1 error; settings unchanged" "$T/agent.log" ||
	fail "a bad reload was not reported"
kill -0 "$AGENT_PID" || fail "a bad reload killed the daemon"
[ "$(get $RATE)" = "$RATE = Gauge32: 250" ] || fail "a bad reload changed settings: $(get $RATE)"
ok "SIGHUP with a bad file: reported, old settings kept"

kill -TERM "$AGENT_PID"; wait "$AGENT_PID"; rc=$?; AGENT_PID=
[ $rc -eq 0 ] || fail "SIGTERM: exit $rc"
ok "SIGTERM exits 0"
