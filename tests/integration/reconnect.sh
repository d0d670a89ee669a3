#!/bin/bash
# The master may be missing at start, may die and come back; SIGHUP
# re-reads the configuration without dropping the session.
. "$TESTS_LIB/harness.sh"

FX="$TESTS_DATA/linux-6.18"
RATE=.1.3.6.1.2.1.4.31.1.1.47.1

connects() { grep -c "AgentX subagent connected" "$T/agent.log"; }

# Master unreachable at start: the daemon keeps retrying.
start_agent "$FX"
wait_for 5 grep -q "Failed to connect to the agentx master agent" "$T/agent.log" ||
	fail "no log line about the missing master"
kill -0 "$AGENT_PID" || fail "daemon exited without a master"
start_snmpd
wait_agent "$FX"
ok "started before the master, connected once it came ($(connects) connect)"

for round in 1 2 3; do
	kill -9 "$SNMPD_PID"; wait "$SNMPD_PID" 2>/dev/null
	restart_snmpd
	wait_agent "$FX"
	[ "$(connects)" -eq $((round + 1)) ] || fail "round $round: $(connects) connects"
done
grep -q "AgentX master disconnected us, reconnecting" "$T/agent.log" ||
	fail "no log line about the lost master"
ok "master killed and restarted 3 times: reconnected each time"

# LINUX-IPSTACK-MIB::ipstackAgentReconnects.0 counts them.
RECONNECTS=.1.3.6.1.4.1.8072.9999.9999.1.1.4.4.0
wait_for 5 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $RECONNECTS | grep -q 'Counter32: 3$'" ||
	fail "ipstackAgentReconnects: $(get $RECONNECTS)"
ok "ipstackAgentReconnects.0 = 3"

[ "$(get $RATE)" = "$RATE = Gauge32: 1000" ] || fail "default refresh rate: $(get $RATE)"
printf 'agentXPingInterval 1\ncacheLifetime 0.25\n' > "$T/agent.conf"
kill -HUP "$AGENT_PID"
wait_for 5 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $RATE | grep -q 'Gauge32: 250$'" ||
	fail "after SIGHUP: $(get $RATE)"
[ "$(connects)" -eq 4 ] || fail "SIGHUP reconnected the session"
ok "SIGHUP: new cache lifetime in force, session kept"

printf 'agentXPingInterval 1\ncacheLifetime forever\n' > "$T/agent.conf"
kill -HUP "$AGENT_PID"
wait_for 5 grep -q "configuration has 1 error; settings unchanged" "$T/agent.log" ||
	fail "a bad reload was not reported"
kill -0 "$AGENT_PID" || fail "a bad reload killed the daemon"
[ "$(get $RATE)" = "$RATE = Gauge32: 250" ] || fail "a bad reload changed settings: $(get $RATE)"
ok "SIGHUP with a bad file: reported, old settings kept"

kill -TERM "$AGENT_PID"; wait "$AGENT_PID"; rc=$?; AGENT_PID=
[ $rc -eq 0 ] || fail "SIGTERM: exit $rc"
ok "SIGTERM exits 0"
