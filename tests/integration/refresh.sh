#!/bin/bash
# Connection tables are rebuilt off the request path: with every build but
# the first stalled for 4 s (test hook IPSTACK_TEST_STALL_BUILD), a client
# polling steadily keeps getting answers from the previous snapshot within
# its 2 s timeout while the next one is built; a listener opened meanwhile
# shows up once that build is done.  (After a quiet spell the first
# request waits for a fresh build instead: conns6.sh finds closed sockets
# gone 2 s after they closed.)  In a private network namespace.
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

LISTENER=.1.3.6.1.2.1.6.20.1.4.1.4.127.0.0.1
row() { snmpget -v2c -c public -m '' -On -t 2 -r 0 "127.0.0.1:$PORT" "$LISTENER.$1" 2>&1; }
listen() { python3 -c "import socket, time
s = socket.socket(); s.bind(('127.0.0.1', $1)); s.listen(); time.sleep(60)" & }

L1= L2=
test_cleanup() { kill $L1 $L2 2>/dev/null; }
listen 5101
L1=$!
start_snmpd
IPSTACK_TEST_STALL_BUILD=4 start_agent /proc "cacheLifetime 2"
# ours first (snmpd's own module serves the table until we register)
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT .1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0 | grep -q Counter32" ||
	fail "agent did not come up"
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $LISTENER.5101 | grep -q Gauge32" ||
	fail "the first snapshot does not list the listener"

# A steady poller starts the next build in the last quarter of the
# lifetime; the old rows answer past their expiry until it is done.
listen 5102
L2=$!
t0=$(date +%s%N)
seen_new=
: > "$T/polls"
while [ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 12000 ]; do
	a=$(row 5101) b=$(row 5102)
	echo "$a | $b" >> "$T/polls"
	grep -q Timeout <<<"$a$b" && fail "a request waited for the stalled build: $a | $b"
	grep -q Gauge32 <<<"$a" || fail "the old listener vanished: $a"
	if grep -q Gauge32 <<<"$b"; then seen_new=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
	sleep 0.1
done
[ -n "$seen_new" ] || fail "the new listener never appeared: $(tail -3 "$T/polls")"
[ "$seen_new" -ge 3000 ] || fail "the new listener appeared after $seen_new ms, before the stalled build could end"
ok "$(wc -l < "$T/polls") polls while a 4 s build ran, none waited; the new listener appeared after $seen_new ms"

kill $L1 $L2; L1= L2=
