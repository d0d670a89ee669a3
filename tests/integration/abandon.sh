#!/bin/bash
# A master that never finishes its SETs (tests/lib/agentx_master.py, an
# AgentX master of our own playing a hostile one): TestSet after TestSet,
# no CommitSet, UndoSet or CleanupSet.  The daemon must keep answering, its
# memory must stay flat (at most 16 transactions open, the rest refused),
# and the abandoned ones are cleaned up for the master once older than a
# request can last, net-snmp's copies included.
. "$TESTS_LIB/harness.sh"
agentx_only "a master of our own drives its AgentX SETs"

cp -r "$TESTS_DATA/linux-6.18" "$T/fx"
echo 64 > "$T/fx/sys/net/ipv4/ip_default_ttl"
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$AGENT_PID/status"; }

coproc MASTER { exec python3 "$TESTS_LIB/agentx_master.py" "$SOCK"; }
# The harness's cleanup waits for every child: the master must go first.
MASTER_KILL=$MASTER_PID # bash forgets MASTER_PID once the master exits
trap 'rc=$?; kill "$MASTER_KILL" 2>/dev/null; (exit $rc); cleanup' EXIT
wait_for 5 test -S "$SOCK" || fail "the test master did not start"
# No pings: while the daemon waits for the answer to its own (synchronous)
# ping, net-snmp's AgentX client hands other packets straight to its
# handler, past our bound (README: what is not bounded).
start_agent "$T/fx" "agentXPingInterval 0"
read -r -t 20 line <&"${MASTER[0]}" || fail "no registration with the test master"
[[ $line = registered\ * ]] || fail "test master: $line"
ok "the daemon registered ${line#registered } regions with the test master"

# At most 16 transactions open: the 17th and later are refused
# (resourceUnavailable, 13) before net-snmp keeps anything of them.
echo 200 >&"${MASTER[1]}"
read -r -t 60 line <&"${MASTER[0]}" || fail "no answers to the first TestSets"
[ "$line" = "answers 0:16 13:184" ] || fail "first 200 TestSets: $line"
before=$(rss)
echo 3000 >&"${MASTER[1]}"
read -r -t 120 line <&"${MASTER[0]}" || fail "no answers to 3000 more TestSets"
[ "$line" = "answers 13:3000" ] || fail "3000 more TestSets: $line"
after=$(rss)
echo "  RSS after 200 TestSets: $before KiB, after 3200: $after KiB"
# In the sanitizer build RSS holds ASan's quarantine of freed memory, so
# the comparison runs in the plain build only (as reconnect.sh's).
if [ "${SANITIZED:-no}" != yes ]; then
	[ $((after - before)) -lt 512 ] ||
		fail "RSS grew by $((after - before)) KiB over 3000 refused SETs"
fi
ok "16 SETs left open, 3184 refused: RSS +$((after - before)) KiB"

# Older than a request can last (10 s), the 16 are cleaned up for the
# master through net-snmp's own AgentX handler; then SETs pass again.
sleep 11
echo 1 >&"${MASTER[1]}"
read -r -t 30 line <&"${MASTER[0]}" || fail "no answer after the abandoned ones expired"
[ "$line" = "answers 0:1" ] || fail "a TestSet after the expiry: $line"
cleaned=$(grep -c "abandoned (no commit, undo or cleanup within 10 s): cleaned up for the master" "$T/agent.log")
refusals=$(grep -c "refused: 16 SET transactions are open" "$T/agent.log")
[ "$cleaned" -eq 5 ] || fail "$cleaned log lines for 16 cleaned-up transactions (want 1, 2, 4, 8, 16)"
[ "$refusals" -eq 12 ] || fail "$refusals log lines for 3184 refusals (want powers of two: 12)"
ok "after 10 s the 16 are cleaned up and a new SET passes; $cleaned + $refusals log lines"
exec {MASTER[1]}>&-
