#!/bin/bash
# What the log tells an operator about the master: why a connection fails
# (no socket, nobody listening, permission), at a falling rate (1st, 2nd,
# 4th, 8th ... failure, with the count), one line on recovery; a second
# instance against the same master says another agent serves these objects
# and exits 1; a daemon without CAP_NET_ADMIN says once that SETs will fail;
# under systemd (Type=notify) READY=1 comes once the objects are registered.
. "$TESTS_LIB/harness.sh"
agentx_only "its connection to the master, its second instance, its own privileges and systemd notify"
command -v setpriv > /dev/null || fail "setpriv missing (util-linux)"

FX="$TESTS_DATA/linux-6.18"
cannot() { grep -c "cannot connect to the AgentX master at $SOCK: $1" "$T/agent.log"; }

# No master at all: ENOENT, logged at failures 1, 2, 4 and 8 in ~8 s.
start_agent "$FX"
wait_for 15 grep -q "failed 8 times, retrying every 1 s" "$T/agent.log" ||
	fail "no falling-rate log: $(cat "$T/agent.log")"
[ "$(cannot "no such socket")" -eq 4 ] || fail "want 4 lines for 8 failures: $(cat "$T/agent.log")"
grep -q "failed 1 time, " "$T/agent.log" && grep -q "failed 2 times, " "$T/agent.log" &&
	grep -q "failed 4 times, " "$T/agent.log" || fail "not the 1st, 2nd, 4th, 8th: $(cat "$T/agent.log")"
grep -q "Failed to connect" "$T/agent.log" && fail "net-snmp's own reasonless warning is still there"
ok "no master: the reason (no such socket), 4 lines for 8 failures"

# The master comes: one line on recovery, with the count.
start_snmpd
wait_agent "$FX"
grep -qE "connected to the AgentX master at $SOCK after [0-9]+ failed attempts" "$T/agent.log" ||
	fail "no recovery line: $(tail -n 3 "$T/agent.log")"
ok "recovery: $(grep -o 'after [0-9]* failed attempts' "$T/agent.log")"

# A second instance: one line, exit 1; the first keeps serving.
"$DAEMON" -f -Lf "$T/second.log" -x "$SOCK" -c "$T/agent.conf" --proc-root "$FX" &
second=$!
for _ in $(seq 100); do kill -0 $second 2>/dev/null || break; sleep 0.1; done
kill -0 $second 2>/dev/null && { kill $second; fail "the second instance kept running"; }
wait $second; rc=$?
[ $rc -eq 1 ] || fail "second instance: exit $rc, want 1"
[ "$(grep -c 'refused our registrations as duplicates' "$T/second.log")" -eq 1 ] ||
	fail "second instance's log: $(cat "$T/second.log")"
[ "$(grep -c 'registering pdu failed' "$T/second.log")" -le 1 ] ||
	fail "net-snmp's line repeated: $(cat "$T/second.log")"
served_by_us "$FX" || fail "the first instance stopped serving"
ok "a second instance: one line, exit 1 ($(wc -l < "$T/second.log") log lines); the first still serves"

# Nobody listening on the socket file (snmpd killed): ECONNREFUSED.
kill -9 "$SNMPD_PID"; wait "$SNMPD_PID" 2>/dev/null; SNMPD_PID=
wait_for 10 sh -c "[ \$(grep -c 'connection refused' '$T/agent.log') -ge 1 ]" ||
	fail "no 'connection refused' after snmpd died: $(tail -n 3 "$T/agent.log")"
ok "snmpd killed: connection refused"
stop_agent

# A socket this user may not open: EACCES; and, without CAP_NET_ADMIN,
# one line at start saying SETs will fail (on the live /proc).
start_snmpd
chmod 0711 "$T"
touch "$T/nobody.log" && chown nobody:nogroup "$T/nobody.log"
setpriv --reuid nobody --regid nogroup --clear-groups --inh-caps=-all \
	"$DAEMON" -f -Lf "$T/nobody.log" -x "$SOCK" -c "$T/agent.conf" &
AGENT_PID=$!
wait_for 10 grep -q "permission denied" "$T/nobody.log" || fail "no EACCES line: $(cat "$T/nobody.log")"
wait_for 5 grep -q "lacks CAP_NET_ADMIN" "$T/nobody.log" || fail "no CAP_NET_ADMIN line: $(cat "$T/nobody.log")"
[ "$(grep -c 'lacks CAP_NET_ADMIN' "$T/nobody.log")" -eq 1 ] || fail "CAP_NET_ADMIN line repeated"
ok "as nobody: permission denied on the socket, and one line: SETs will fail without CAP_NET_ADMIN"

# systemd's Type=notify (where net-snmp has sd_notify): READY=1 on
# $NOTIFY_SOCKET, sent after "started", once the objects are registered
# (the nobody instance above is stopped first: one agent per master).
if [ "${SYSTEMD_TYPE:-simple}" = notify ]; then
	stop_agent
	python3 - "$T/notify.sock" "$T/notify.out" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(15)
with open(sys.argv[2], "w") as out:
    out.write(s.recv(256).decode())
PY
	listener=$!
	wait_for 5 test -S "$T/notify.sock" || fail "no notify socket"
	NOTIFY_SOCKET="$T/notify.sock" "$DAEMON" -f -Lf "$T/notify.log" -x "$SOCK" -c "$T/agent.conf" \
		--proc-root "$FX" &
	AGENT_PID=$!
	wait "$listener" || fail "no sd_notify message"
	grep -q '^READY=1' "$T/notify.out" || fail "sd_notify said: $(cat "$T/notify.out")"
	grep -q "started; serving" "$T/notify.log" || fail "READY before the start was complete"
	ok "Type=notify: READY=1 once registered"
fi
