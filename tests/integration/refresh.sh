#!/bin/bash
# Connection tables are rebuilt off the request path: with every build but
# the first stalled for 4 s (test hook IPSTACK_TEST_STALL_BUILD), a client
# polling steadily keeps getting answers from the previous snapshot within
# its 2 s timeout while the next one is built; a listener opened meanwhile
# shows up once that build is done.  (After a quiet spell the first
# request waits for a fresh build instead: conns6.sh finds closed sockets
# gone 2 s after they closed.)  A request that must wait for rows (none
# yet, the first build stalled too) waits alone: meanwhile our other
# objects and snmpd's answer at once.  In a private network namespace.
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

# tcpConnState of a listener on 127.0.0.1 (no process column: no /proc scan)
LISTENER=.1.3.6.1.2.1.6.13.1.1.127.0.0.1
row() { snmpget -v2c -c public -m '' -On -t 2 -r 0 "127.0.0.1:$PORT" "$LISTENER.$1.0.0.0.0.0" 2>&1; }
HEALTH=.1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0
listen() { python3 -c "import socket, time
s = socket.socket(); s.bind(('127.0.0.1', $1)); s.listen(); time.sleep(60)" & }
# bound PORT: the listener is there (Python takes its time on a busy machine)
bound() { wait_for 5 sh -c "ss -Hltn 'sport = :$1' | grep -q $1" || fail "the listener on $1 did not start"; }

L1= L2=
test_cleanup() { kill $L1 $L2 2>/dev/null; }
listen 5101
L1=$!
bound 5101
# the master waits for our delegated answers longer than its 1 s default
SNMPD_EXTRA="agentXTimeout 10" start_snmpd
IPSTACK_TEST_STALL_BUILD=4 start_agent /proc "cacheLifetime 4"
# ours first (snmpd's own module serves the table until we register)
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $HEALTH | grep -q Counter32" ||
	fail "agent did not come up"
listed() { row "$1" | grep -q 'INTEGER: 2$'; }
wait_for 15 listed 5101 ||
	fail "the first snapshot does not list the listener: $(row 5101)"

# A steady poller starts the next build in the last quarter of the
# lifetime (3 s after the first snapshot); the old rows answer past their
# expiry until it is done.  The new listener must be bound before that
# build starts (a slow machine takes its time starting Python).
listen 5102
L2=$!
bound 5102
t0=$(date +%s%N)
seen_new=
: > "$T/polls"
while [ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 16000 ]; do
	a=$(row 5101) b=$(row 5102)
	echo "$a | $b" >> "$T/polls"
	grep -q Timeout <<<"$a$b" && fail "a request waited for the stalled build: $a | $b"
	grep -q 'INTEGER: 2$' <<<"$a" || fail "the old listener vanished: $a"
	if grep -q 'INTEGER: 2$' <<<"$b"; then seen_new=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
	sleep 0.1
done
[ -n "$seen_new" ] || fail "the new listener never appeared: $(tail -3 "$T/polls")"
[ "$seen_new" -ge 4000 ] || fail "the new listener appeared after $seen_new ms, before the stalled build could end"
ok "$(wc -l < "$T/polls") polls while a 4 s build ran, none waited; the new listener appeared after $seen_new ms"


# No rows yet and the first build stalled for 4 s: the table request waits
# for it, delegated; our ipDefaultTTL and snmpd's sysUpTime answer at once.
stop_agent
IPSTACK_TEST_STALL_BUILD=4 IPSTACK_TEST_STALL_FIRST_BUILD=1 start_agent /proc "cacheLifetime 2"
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $HEALTH | grep -q Counter32" ||
	fail "agent did not come back"
t0=$(date +%s%N)
snmpget -v2c -c public -m '' -On -t 10 -r 0 "127.0.0.1:$PORT" "$LISTENER.5101.0.0.0.0.0" > "$T/slow" 2>&1 &
SLOW=$!
# a GETNEXT and a GETBULK (several repetitions) wait the same way
TCP_CONN_TABLE=.1.3.6.1.2.1.6.13
snmpwalk -v2c -c public -m '' -On -t 10 -r 0 "127.0.0.1:$PORT" $TCP_CONN_TABLE > "$T/slow-walk" 2>&1 &
SLOW_WALK=$!
snmpbulkwalk -v2c -c public -m '' -On -t 10 -r 0 -Cr7 "127.0.0.1:$PORT" $TCP_CONN_TABLE > "$T/slow-bulk" 2>&1 &
SLOW_BULK=$!
sleep 0.5
worst=0
for _ in 1 2 3 4 5; do
	t1=$(date +%s%N)
	out=$(snmpget -v2c -c public -m '' -On -t 1 -r 0 "127.0.0.1:$PORT" .1.3.6.1.2.1.4.2.0 .1.3.6.1.2.1.1.3.0 2>&1)
	ms=$(( ($(date +%s%N) - t1) / 1000000 ))
	grep -q 'INTEGER: ' <<<"$out" && grep -q 'Timeticks: ' <<<"$out" ||
		fail "while a table request waited for its rows: $out"
	[ $ms -gt $worst ] && worst=$ms
	sleep 0.3
done
wait $SLOW
slow_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
grep -q 'INTEGER: 2$' "$T/slow" || fail "the waiting request: $(cat "$T/slow")"
[ $slow_ms -ge 3000 ] || fail "the table request took $slow_ms ms: it cannot have waited for the stalled build"
wait $SLOW_WALK && wait $SLOW_BULK || fail "a waiting walk failed: $(tail -n 2 "$T/slow-walk" "$T/slow-bulk")"
# the same rows again, from the snapshot the waiting ones got (80 s lifetime
# after a 4 s build): every row once, in order, none lost to the wait
walk $TCP_CONN_TABLE > "$T/walk"
[ "$(grep -c ' = ' "$T/walk")" -ge 10 ] || fail "tcpConnTable: $(cat "$T/walk")"
diff -u "$T/walk" "$T/slow-walk" > "$T/diff" || fail "the waiting GETNEXT walk differs: $(head "$T/diff")"
diff -u "$T/walk" "$T/slow-bulk" > "$T/diff" || fail "the waiting GETBULK walk differs: $(head "$T/diff")"
ok "a table GET, walk and bulk walk waited $slow_ms ms for the first (stalled) build, with all rows; meanwhile 5 GETs of ipDefaultTTL and sysUpTime took at most $worst ms"

kill $L1 $L2; L1= L2=
