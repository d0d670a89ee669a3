#!/bin/bash
# A master that never finishes its SETs (tests/lib/agentx_master.py, an
# AgentX master of our own playing a hostile one): TestSet after TestSet,
# no CommitSet, UndoSet or CleanupSet.  The daemon must keep answering, and
# its memory must stay flat: each abandoned transaction is cleaned up for
# the master, net-snmp's copies included.
. "$TESTS_LIB/harness.sh"

cp -r "$TESTS_DATA/linux-6.18" "$T/fx"
echo 64 > "$T/fx/sys/net/ipv4/ip_default_ttl"
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$AGENT_PID/status"; }

coproc MASTER { exec python3 "$TESTS_LIB/agentx_master.py" "$SOCK"; }
# The harness's cleanup waits for every child: the master must go first.
trap 'rc=$?; kill "$MASTER_PID" 2>/dev/null; (exit $rc); cleanup' EXIT
wait_for 5 test -S "$SOCK" || fail "the test master did not start"
start_agent "$T/fx"
read -r -t 20 line <&"${MASTER[0]}" || fail "no registration with the test master"
[[ $line = registered\ * ]] || fail "test master: $line"
ok "the daemon registered ${line#registered } regions with the test master"

echo 200 >&"${MASTER[1]}"
read -r -t 60 line <&"${MASTER[0]}" || fail "no answers to the first TestSets"
[ "$line" = "answers 0:200" ] || fail "first 200 TestSets: $line"
before=$(rss)
echo 3000 >&"${MASTER[1]}"
read -r -t 120 line <&"${MASTER[0]}" || fail "no answers to 3000 TestSets"
[ "$line" = "answers 0:3000" ] || fail "3000 TestSets: $line (the daemon stopped accepting)"
after=$(rss)
echo "  RSS after 200 abandoned SETs: $before KiB, after 3200: $after KiB"
# In the sanitizer build RSS holds ASan's quarantine of freed memory, so
# the comparison runs in the plain build only (as reconnect.sh's).
if [ "${SANITIZED:-no}" != yes ]; then
	[ $((after - before)) -lt 512 ] ||
		fail "RSS grew by $((after - before)) KiB over 3000 abandoned SETs"
fi
lines=$(grep -c "abandoned by the master" "$T/agent.log")
[ "$lines" -ge 1 ] && [ "$lines" -le 13 ] || fail "$lines log lines for 3184 abandoned transactions"
ok "3200 abandoned SETs: every TestSet answered, RSS +$((after - before)) KiB, $lines log lines"
exec {MASTER[1]}>&-
