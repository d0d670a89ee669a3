#!/bin/bash
# The proc tree changes under the serving daemon: fields added and
# removed, files emptied, deleted and restored, and a FIFO where a file
# should be.  Each change is served after the cache lifetime; nothing
# crashes, and a slow source delays nothing else.
. "$TESTS_LIB/harness.sh"

cp -r "$TESTS_DATA/linux-6.18" "$T/fx"
FX="$T/fx"
cp "$FX/expected.txt" "$T/expected.txt"
P=.1.3.6.1.4.1.8072.9999.9999.1.1
# ipstackCounterValue."netstat"."TcpExt".<name>
tcpext() { printf '%s.1.1.1.4.7.110.101.116.115.116.97.116.6.84.99.112.69.120.116%s' "$P" \
	"$(printf '%s' "$1" | od -An -tu1 -v | tr -s ' \n' '..' | sed "s/^\.*/.${#1}./; s/\.$//")"; }
IN_RECEIVES=.1.3.6.1.2.1.4.3.0
ORPHAN=$P.2.1.1.3.3.84.67.80.6.111.114.112.104.97.110

answers() { snmpget -v2c -c public -m '' -On -t 1 -r 0 "127.0.0.1:$PORT" "$1" 2>&1 | grep -qE "$2"; }
served() { wait_for 5 answers "$1" "$2" || fail "$3: $(get "$1")"; }

start_snmpd
start_agent "$FX" "cacheLifetime 0.2"
wait_agent "$FX"

# A field added in the middle of TcpExt.
awk 'NR == 1 { $3 = $3 " TCPTestAdded" } NR == 2 { $3 = $3 " 4242" } { print }' \
	"$FX/net/netstat" > "$T/n" && mv "$T/n" "$FX/net/netstat"
served "$(tcpext TCPTestAdded)" 'Counter64: 4242$' "added field"
ok "a field added to TcpExt is served"

# A field removed.
awk 'NR == 1 { for (i = 2; i <= NF; i++) if ($i == "ListenDrops") c = i }
     NR <= 2 && c { $c = ""; $0 = $0; $1 = $1 } { print }' "$FX/net/netstat" > "$T/n" &&
	mv "$T/n" "$FX/net/netstat"
served "$(tcpext ListenDrops)" 'No Such Instance' "removed field"
served "$(tcpext ListenOverflows)" 'Counter64: ' "neighbour of the removed field"
ok "a field removed from TcpExt is gone, its neighbours stay"

# A file emptied, then deleted, then restored.
cp "$FX/net/sockstat" "$T/sockstat"
: > "$FX/net/sockstat"
served "$ORPHAN" 'No Such Instance' "emptied sockstat"
served "$IN_RECEIVES" 'Counter32' "snmp while sockstat is empty"
mv "$FX/net/snmp" "$T/snmp"
served "$IN_RECEIVES" 'No Such Object' "deleted snmp"
served "$(tcpext ListenOverflows)" 'Counter64: ' "netstat while snmp is gone"
cp "$T/snmp" "$FX/net/snmp"
cp "$T/sockstat" "$FX/net/sockstat"
served "$IN_RECEIVES" "$(grep '^1.3.6.1.2.1.4.3.0 ' "$T/expected.txt" | cut -d' ' -f3)\$" "restored snmp"
served "$ORPHAN" 'Gauge32: ' "restored sockstat"
grep -q "net/sockstat:.*file is empty" "$T/agent.log" && grep -q "net/snmp: cannot read" "$T/agent.log" ||
	fail "the empty and the missing file were not logged"
ok "files emptied, deleted and restored: served after each change, logged"

# A FIFO instead of net/netstat (no writer: a blocking read would hang).
connected=$(grep -c "subagent connected" "$T/agent.log")
mv "$FX/net/netstat" "$T/netstat"
mkfifo "$FX/net/netstat"
worst=0
for i in $(seq 10); do
	sleep 0.25 # past the cache lifetime: every GET re-reads the tree
	t0=$(date +%s%N)
	answers "$IN_RECEIVES" 'Counter32' || fail "GET failed with a FIFO in the tree"
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	[ $ms -gt $worst ] && worst=$ms
done
[ $worst -le 200 ] || fail "a GET took $worst ms with a FIFO in the tree"
[ "$(grep -c "subagent connected" "$T/agent.log")" -eq "$connected" ] || fail "the session was lost"
grep -q "net/netstat: cannot read: not a regular file" "$T/agent.log" || fail "the FIFO was not logged"
rm "$FX/net/netstat"
mv "$T/netstat" "$FX/net/netstat"
served "$(tcpext ListenOverflows)" 'Counter64: ' "netstat back after the FIFO"
ok "a FIFO in the tree: GETs answered in at most $worst ms, session kept, logged"
kill -0 "$AGENT_PID" || fail "the daemon died"
