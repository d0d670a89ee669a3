#!/bin/bash
# The connection tables through a real snmpd, in a private network
# namespace holding sockets the test opened itself (tests/lib/sockets.py):
# exact rows of tcpConnectionTable, tcpListenerTable, tcpConnTable,
# udpTable and udpEndpointTable with the process column, GETNEXT at the
# edges, and deleteTCB (refused by default; then on one connection only).
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

TCP=.1.3.6.1.2.1.6
UDP=.1.3.6.1.2.1.7
getnext() { snmpgetnext "${SNMPOPTS[@]}" "127.0.0.1:$PORT" "$1" 2>&1 | head -n 1; }

start_snmpd
start_agent /proc
wait_agent_registered() {
	get $TCP.20.1.4.1.4.127.0.0.2.5001 | grep -q Gauge32
}
python3 "$TESTS_LIB/sockets.py" "$T/sockets" "$T/status" &
HELPER=$!
# cleanup (harness.sh) waits for every child: stop the helper first.
trap 'rc=$?; kill "$HELPER" 2>/dev/null; (exit $rc); cleanup' EXIT
wait_for 10 test -s "$T/sockets" || fail "the socket helper did not start"
wait_for 15 wait_agent_registered || fail "no tcpListenerTable row for the test's listener"

# Expected rows, from what the helper holds (pid: the helper's).
while read -r name proto state la lp ra rp inode; do
	if [ "$proto" = tcp ]; then
		st=$([ "$state" = listen ] && echo 2 || echo 5)
		legacy="$la.$lp.$ra.$rp"
		echo "$TCP.13.1.1.$legacy = INTEGER: $st"
		echo "$TCP.13.1.2.$legacy = IpAddress: $la"
		echo "$TCP.13.1.3.$legacy = INTEGER: $lp"
		echo "$TCP.13.1.4.$legacy = IpAddress: $ra"
		echo "$TCP.13.1.5.$legacy = INTEGER: $rp"
		if [ "$state" = listen ]; then
			echo "$TCP.20.1.4.1.4.$la.$lp = Gauge32: $HELPER"
		else
			echo "$TCP.19.1.7.1.4.$la.$lp.1.4.$ra.$rp = INTEGER: 5"
			echo "$TCP.19.1.8.1.4.$la.$lp.1.4.$ra.$rp = Gauge32: $HELPER"
		fi
	else
		echo "$UDP.5.1.1.$la.$lp = IpAddress: $la"
		echo "$UDP.5.1.2.$la.$lp = INTEGER: $lp"
		if [ "$rp" = 0 ]; then
			echo "$UDP.7.1.8.1.4.$la.$lp.0.0.0.$inode = Gauge32: $HELPER"
		else
			echo "$UDP.7.1.8.1.4.$la.$lp.1.4.$ra.$rp.$inode = Gauge32: $HELPER"
		fi
	fi
done < "$T/sockets" | sort > "$T/expected"

# The test's own rows: an address in 127.0.0.2-9, or the 0.0.0.0:5002 listener.
ours() { grep -E '\.127\.0\.0\.[2-9]\.|\.0\.0\.0\.0\.5002[. ]' | sort; }
for table in $TCP.13 $TCP.19 $TCP.20 $UDP.5 $UDP.7; do
	bulkwalk $table
done > "$T/bulkwalk"
grep -q 'OID not increasing' "$T/bulkwalk" && fail "walk out of order: $(grep 'OID not' "$T/bulkwalk")"
# Every row of the five tables is ours: snmpd's own module, whose
# udpEndpointTable encodes "any remote" as ipv4 0.0.0.0 (RFC 4113 says
# unknown(0) with an empty address), must never add a row of its own.
grep -E "^\\$UDP\\.7\\.1\\.8\\.1\\.4\\.[0-9.]+\\.1\\.4\\.0\\.0\\.0\\.0\\.0\\.[0-9]+ " "$T/bulkwalk" &&
	fail "snmpd's own udpEndpointTable rows leaked into the walk"
ours < "$T/bulkwalk" > "$T/got"
diff "$T/expected" "$T/got" > "$T/diff" || fail "rows differ from the sockets held:
$(cat "$T/diff")"
ok "bulk walk: $(wc -l < "$T/expected") objects of the 5 tables equal the sockets held, process = helper pid $HELPER"

for table in $TCP.19 $UDP.7; do
	walk $table
done | ours > "$T/walk"
diff <(grep -E "^\\$TCP\\.19|^\\$UDP\\.7" "$T/expected") "$T/walk" > "$T/diff" ||
	fail "snmpwalk (GETNEXT) rows differ: $(cat "$T/diff")"
ok "snmpwalk of tcpConnectionTable and udpEndpointTable: same rows"

# snmpd's own UDP socket, with snmpd's pid.
grep -q -E "^\\$UDP\\.7\\.1\\.8\\.1\\.4\\.127\\.0\\.0\\.1\\.$PORT\\.0\\.0\\.0\\.[0-9]+ = Gauge32: $SNMPD_PID\$" "$T/bulkwalk" ||
	fail "no udpEndpointTable row for snmpd's socket 127.0.0.1:$PORT with pid $SNMPD_PID"
ok "snmpd's UDP endpoint carries snmpd's pid $SNMPD_PID"

# GETNEXT at the edges: before the first row, between rows, after the last.
conn=$(grep "^\\$TCP\\.19\\.1\\.7\\." "$T/expected" | cut -d' ' -f1)
first=$(head -n 1 <<<"$conn") last=$(tail -n 1 <<<"$conn")
[ "$(getnext $TCP.19.1.7 | cut -d' ' -f1)" = "$first" ] || fail "GETNEXT tcpConnectionState: $(getnext $TCP.19.1.7)"
[ "$(getnext $TCP.19.1.7.1 | cut -d' ' -f1)" = "$first" ] || fail "GETNEXT <col>.1: $(getnext $TCP.19.1.7.1)"
[ "$(getnext "$first.0" | cut -d' ' -f1)" = "$(sed -n 2p <<<"$conn")" ] || fail "GETNEXT between rows: $(getnext "$first.0")"
[ "$(getnext "$last" | cut -d' ' -f1)" = "${first/.19.1.7./.19.1.8.}" ] ||
	fail "GETNEXT after the last state: $(getnext "$last")"
[ "$(getnext $TCP.20.1.4.1.4.127.0.0.2.5000 | cut -d' ' -f1)" = "$TCP.20.1.4.1.4.127.0.0.2.5001" ] ||
	fail "GETNEXT before a listener: $(getnext $TCP.20.1.4.1.4.127.0.0.2.5000)"
lastlegacy=$(grep "^\\$TCP\\.13\\.1\\.5\\." "$T/bulkwalk" | tail -n 1 | cut -d' ' -f1)
case "$(getnext "$lastlegacy")" in
$TCP.13.*) fail "GETNEXT after tcpConnTable's last object: $(getnext "$lastlegacy")" ;;
esac
ok "GETNEXT before the first row, between rows and after the last"

# deleteTCB: refused by default, wrongValue for other values.
A=$(awk '$1 == "connA-client" { print "1.4." $4 "." $5 ".1.4." $6 "." $7 }' "$T/sockets")
B=$(awk '$1 == "connB-client" { print "1.4." $4 "." $5 ".1.4." $6 "." $7 }' "$T/sockets")
C=$(awk '$1 == "connC-client" { print $4 "." $5 "." $6 "." $7 }' "$T/sockets")
r=$(set_ $TCP.19.1.7.$A i 12)
[ "$(status "$r")" = notWritable ] || fail "deleteTCB by default: $r"
grep -q "deleteTCB is not allowed by the configuration" "$T/agent.log" || fail "refusal not logged"
agent_conf "allowDeleteTcb yes"
kill -HUP "$AGENT_PID"
wait_for 5 grep -q "configuration re-read" "$T/agent.log" || fail "no reload"
r=$(set_ $TCP.19.1.7.$A i 5)
[ "$(status "$r")" = wrongValue ] || fail "tcpConnectionState = 5: $r"
r=$(set_ $TCP.19.1.7.$A s 12)
[ "$(status "$r")" = wrongType ] || fail "tcpConnectionState as a string: $r"
r=$(set_ $TCP.19.1.7.1.4.127.0.0.3.5999.1.4.127.0.0.2.5001 i 12)
[ "$(status "$r")" = noCreation ] || fail "deleteTCB of no connection: $r"
r=$(set_ $TCP.19.1.7.1.4.127.0.0.2.5001.1.4.0.0.0.0.0 i 12)
[ "$(status "$r")" != ok ] || fail "deleteTCB of a listener's index succeeded"
kill -USR1 "$HELPER"
wait_for 5 test -s "$T/status" || fail "no status from the helper"
[ "$(grep -c ' alive$' "$T/status")" -eq 6 ] || fail "refused SETs touched a connection: $(cat "$T/status")"
ok "deleteTCB: notWritable by default (logged), wrongValue, wrongType, noCreation; nothing touched"

r=$(set_ $TCP.19.1.7.$A i 12)
[ "$(status "$r")" = ok ] || fail "deleteTCB allowed: $r"
r=$(set_ $TCP.13.1.1.$C i 12)
[ "$(status "$r")" = ok ] || fail "legacy tcpConnState deleteTCB: $r"
printf 'connA-client aborted\nconnA-server reset\nconnB-client alive\nconnB-server alive\nconnC-client aborted\nconnC-server reset\n' > "$T/want"
# The peer's reset travels over loopback: ask again until it has arrived.
helper_says_want() {
	rm -f "$T/status"
	kill -USR1 "$HELPER"
	wait_for 2 test -s "$T/status" && cmp -s "$T/want" "$T/status"
}
wait_for 5 helper_says_want || fail "after deleteTCB: $(diff "$T/want" "$T/status")"
grep -q "deleteTCB .*: connection destroyed" "$T/agent.log" || fail "deleteTCB not logged"
wait_for 5 sh -c "! snmpbulkwalk -v2c -c public -m '' -On 127.0.0.1:$PORT $TCP.19.1.7 | grep -q '127.0.0.3.5101'" ||
	fail "connection A still listed"
[ "$(get $TCP.19.1.7.$B)" = "$TCP.19.1.7.$B = INTEGER: 5" ] || fail "connection B: $(get $TCP.19.1.7.$B)"
ok "deleteTCB (tcpConnectionState and tcpConnState): the named connections reset, the peer saw it, the other one untouched"
