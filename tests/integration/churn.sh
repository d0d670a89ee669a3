#!/bin/bash
# Namespace churn under traffic: with netnsContexts all, three clients
# (bulk walks of the default context, walks of context a, GETs in context
# b) and a namespace file added or removed every 0.1 s, a health GET every
# 0.5 s for CHURN_SECONDS (default 30) must keep answering: no gap over
# 2 s, no error status.  Then SIGTERM: the daemon (or snmpd with the
# module) exits within 5 s.  In a private network and mount namespace.
IPSTACK_PRIVATE_MOUNTS=1
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

SECONDS_TOTAL=${CHURN_SECONDS:-30}
NS=$T/netns
mkdir "$NS"
mkns() { touch "$NS/$1" && unshare --net="$NS/$1" true; }
rmns() { umount -l "$NS/$1" 2>/dev/null; rm -f "$NS/$1"; }
PIDS=()
test_cleanup() {
	[ ${#PIDS[@]} -gt 0 ] && kill "${PIDS[@]}" 2>/dev/null
	umount -ql "$NS"/* 2>/dev/null
}

mkns a && mkns b || fail "cannot make namespaces"
SNMPD_EXTRA=$(for n in a b; do echo "com2sec -Cn $n sec_$n 127.0.0.1 $n"; echo "group ctxs v2c sec_$n"; done
	echo 'view every included .1'
	echo 'access ctxs "" any noauth prefix every none none')
# the master waits for answers that wait for a build
SNMPD_EXTRA+=$'\nagentXTimeout 5'
start_snmpd
start_agent /proc "netnsDir $NS" "netnsContexts all"
ctx_up() { snmpget -v2c -c "$1" -m '' -On -t 1 -r 0 "127.0.0.1:$PORT" .1.3.6.1.2.1.4.2.0 | grep -q INTEGER; }
wait_for 15 ctx_up a && wait_for 15 ctx_up b || fail "contexts a and b were not registered"

until_end() { timeout "$((SECONDS_TOTAL + 5))" bash -c "$1" >/dev/null 2>&1 & PIDS+=($!); }
# The clients: any answer will do, they only make traffic.
until_end "while :; do snmpbulkwalk -v2c -c public -m '' -On -t 2 -r 0 -Cr20 127.0.0.1:$PORT .1.3.6.1.2.1.6; done"
until_end "while :; do snmpwalk -v2c -c a -m '' -On -t 2 -r 0 127.0.0.1:$PORT .1.3.6.1.2.1.4; done"
until_end "while :; do snmpget -v2c -c b -m '' -On -t 2 -r 0 127.0.0.1:$PORT .1.3.6.1.2.1.4.2.0 .1.3.6.1.2.1.6.9.0; done"
# The churn: one of c0..c7 added or removed every 0.1 s.
churn() {
	local i=0 n
	while :; do
		n=c$((i % 8))
		if [ -e "$NS/$n" ]; then rmns "$n"; else mkns "$n"; fi
		i=$((i + 1))
		sleep 0.1
	done
}
churn & PIDS+=($!)

# Health: ipDefaultTTL.0 (ours) in the default context, every 0.5 s.
t0=$(date +%s%N) last=$t0 worst=0 polls=0
while [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt "$SECONDS_TOTAL" ]; do
	out=$(snmpget -v2c -c public -m '' -On -t 2 -r 0 "127.0.0.1:$PORT" .1.3.6.1.2.1.4.2.0 2>&1)
	now=$(date +%s%N)
	grep -q '^\.1\.3\.6\.1\.2\.1\.4\.2\.0 = INTEGER: [0-9]' <<<"$out" ||
		fail "health GET after $(( (now - t0) / 1000000 )) ms: $out"
	gap=$(( (now - last) / 1000000 ))
	[ "$gap" -gt "$worst" ] && worst=$gap
	[ "$gap" -le 2000 ] || fail "health GET answered $gap ms after the previous answer"
	last=$now polls=$((polls + 1))
	sleep 0.5
done
kill "${PIDS[@]}" 2>/dev/null
wait "${PIDS[@]}" 2>/dev/null
PIDS=()
registered=$(grep -c "context 'c[0-7]' registered" "$T/agent.log")
[ "$registered" -ge "$SECONDS_TOTAL" ] || fail "only $registered namespaces of the churn were registered"
ok "$polls health GETs in ${SECONDS_TOTAL} s of churn ($registered contexts registered): longest gap $worst ms"

t1=$(date +%s%N)
kill -TERM "$AGENT_PID"
for _ in $(seq 50); do kill -0 "$AGENT_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$AGENT_PID" 2>/dev/null && fail "still running 5 s after SIGTERM"
wait "$AGENT_PID"
rc=$?
[ "$IPSTACK_MODE" = dlmod ] && SNMPD_PID=
AGENT_PID=
[ "$rc" = 0 ] || fail "exit status $rc after SIGTERM"
ok "SIGTERM: exited 0 in $(( ($(date +%s%N) - t1) / 1000000 )) ms"
# net-snmp says so when a callback list is changed from inside itself
! grep -E '_callback_lock|netsnmp_assert' "$T/agent.log" || fail "net-snmp's callback lock complained at shutdown"
