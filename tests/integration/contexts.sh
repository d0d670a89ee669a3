#!/bin/bash
# Network namespaces as SNMP contexts (netnsDir, netnsContexts), in a
# private network and mount namespace: three namespace files in the test's
# own directory (unshare --net=FILE, as `ip netns add` makes them), ICMP
# traffic, listeners and a connection in some of them, each seen (and
# deleteTCB-able) only in its own context;
# a SET in one context writes only that namespace's sysctl; namespaces added
# and deleted while a client polls every context; v2c through com2sec -Cn
# and v3 through -n; a file that is no namespace is skipped; SIGHUP narrows
# the choice; a restarted snmpd gets every context again; without
# CAP_SYS_ADMIN the daemon says contexts are off.
IPSTACK_PRIVATE_MOUNTS=1
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"
. "$TESTS_LIB/nagios.sh"

NS=$T/netns
mkdir "$NS"
ICMP_IN_ECHOS=.1.3.6.1.2.1.5.8.0 TTL=.1.3.6.1.2.1.4.2.0 LISTENERS=.1.3.6.1.2.1.6.20.1.4
mkns() {
	touch "$NS/$1" && unshare --net="$NS/$1" true && nsenter --net="$NS/$1" ip link set lo up ||
		fail "cannot make namespace $1"
}
rmns() { umount -l "$NS/$1" && rm "$NS/$1" || fail "cannot remove namespace $1"; }
in_ns() { local n=$1; shift; nsenter --net="$NS/$n" "$@"; }
# v2c: community NAME maps to context NAME; v3: user ctx, any context.
cget() { snmpget -v2c -c "$1" -m '' -On -Ot -t 1 -r 1 "127.0.0.1:$PORT" "${@:2}" 2>&1; }
v3get() { snmpget -v3 -l noAuthNoPriv -u ctx -n "$1" -m '' -On -t 1 -r 1 "127.0.0.1:$PORT" "${@:2}" 2>&1; }
v3walk() { snmpbulkwalk -v3 -l noAuthNoPriv -u ctx -n "$1" -m '' -On -t 1 -r 1 "127.0.0.1:$PORT" "${@:2}" 2>&1; }
value() { sed 's/.*: //'; }
kernel_echos() { # Icmp InEchos of namespace $1, found by its header
	in_ns "$1" awk '$1 == "Icmp:" { if (c) { print $c; exit } for (i = 2; i <= NF; i++) if ($i == "InEchos") c = i }' /proc/net/snmp
}
POLLER=
test_cleanup() {
	[ -n "$POLLER" ] && kill "$POLLER" 2>/dev/null
	umount -ql "$NS"/* 2>/dev/null
}

for n in blue red green; do mkns $n; done
SNMPD_EXTRA=$(
	for n in blue red green yellow; do echo "com2sec -Cn $n sec_$n 127.0.0.1 $n"; echo "group ctxs v2c sec_$n"; done
	cat <<'CONF'
com2sec -Cn blue sec_bluerw 127.0.0.1 bluerw
com2sec -Cn blue sec_bluero 127.0.0.1 blue-ro
group ctxs v2c sec_bluero
group ctxrw v2c sec_bluerw
createUser ctx
group ctxs usm ctx
view every included .1
access ctxs "" any noauth prefix every none none
access ctxrw "" any noauth prefix every every none
CONF
)
start_snmpd
start_agent /proc "netnsDir $NS" "netnsContexts all" "cacheLifetime 0" "allowDeleteTcb yes"
wait_for 15 sh -c "snmpget -v2c -c green -m '' -On 127.0.0.1:$PORT $ICMP_IN_ECHOS | grep -q Counter32" ||
	fail "the contexts were not registered"
grep -q "context 'blue' registered: network namespace $NS/blue" "$T/agent.log" ||
	fail "no log line for context blue"

# 1. ICMP in blue: counted there, as blue's kernel counts it, nowhere else.
in_ns blue ping -c 5 -i 0.2 -q 127.0.0.1 >/dev/null || fail "ping in blue"
before=$(kernel_echos blue) got=$(cget blue $ICMP_IN_ECHOS | value) after=$(kernel_echos blue)
[ "$before" -ge 5 ] && [ "$before" -le "$got" ] && [ "$got" -le "$after" ] ||
	fail "icmpInEchos in context blue is '$got', blue's kernel says $before..$after"
for n in red green; do
	[ "$(cget $n $ICMP_IN_ECHOS | value)" = 0 ] || fail "icmpInEchos in $n is not 0: $(cget $n $ICMP_IN_ECHOS)"
done
[ "$(get $ICMP_IN_ECHOS | value)" = 0 ] || fail "icmpInEchos in the default context: $(get $ICMP_IN_ECHOS)"
[ "$(v3get blue $ICMP_IN_ECHOS | value)" = "$got" ] || fail "v3 -n blue: $(v3get blue $ICMP_IN_ECHOS)"
ok "icmpInEchos $got in context blue (v2c and v3), 0 in red, green and the default context"

# 2. Connection rows: a listener in blue and one in red, each in its own context only.
listen() { in_ns "$1" python3 -c "import socket, time
s = socket.socket(); s.bind(('127.0.0.1', $2)); s.listen(); time.sleep(120)" & }
listen blue 4242
L1=$!
listen red 4343
L2=$!
wait_for 5 sh -c "nsenter --net=$NS/red ss -Htln | grep -q 4343" || fail "no listener in red"
wait_for 5 sh -c "nsenter --net=$NS/blue ss -Htln | grep -q 4242" || fail "no listener in blue"
rows() { snmpwalk -v2c -c "$1" -m '' -On -t 1 -r 1 "127.0.0.1:$PORT" $LISTENERS 2>&1 | grep -c "^$LISTENERS\." ; }
lrow() { snmpwalk -v2c -c "$1" -m '' -On -t 1 -r 1 "127.0.0.1:$PORT" $LISTENERS 2>&1 | grep -o '127\.0\.0\.1\.[0-9]* ' ; }
[ "$(lrow blue)" = "127.0.0.1.4242 " ] || fail "tcpListenerTable in blue: $(lrow blue)"
[ "$(lrow red)" = "127.0.0.1.4343 " ] || fail "tcpListenerTable in red: $(lrow red)"
[ "$(rows green)" = 0 ] || fail "tcpListenerTable in green has rows"
walk $LISTENERS | grep -q '4242\|4343' && fail "the default context lists another namespace's listener"
kill $L1 $L2
ok "tcpListenerTable: 4242 only in blue, 4343 only in red, none in green or the default context"

# deleteTCB in blue destroys blue's connection; red has no such connection.
in_ns blue python3 -c "import socket, time
l = socket.socket(); l.bind(('127.0.0.1', 4545)); l.listen()
c = socket.create_connection(('127.0.0.1', 4545)); a, _ = l.accept()
open('$T/cport', 'w').write(str(c.getsockname()[1])); time.sleep(120)" &
L3=$!
wait_for 5 test -s "$T/cport" || fail "no connection in blue"
CONN=.1.3.6.1.2.1.6.19.1.7.1.4.127.0.0.1.$(cat "$T/cport").1.4.127.0.0.1.4545
[ "$(cget blue $CONN | value)" = 5 ] || fail "blue's connection: $(cget blue $CONN)"
out=$(snmpset -v2c -c bluerw -m '' -On -t 5 -r 0 "127.0.0.1:$PORT" $CONN i 12 2>&1)
[ "$(status "$out")" = ok ] || fail "deleteTCB in blue: $out"
in_ns blue ss -Htn | grep -q ":$(cat "$T/cport") " && fail "the connection survived deleteTCB"
out=$(set_ $CONN i 12)
[ "$(status "$out")" = noCreation ] || fail "deleteTCB of blue's connection in the default context: $out"
kill $L3
ok "deleteTCB in blue destroyed blue's connection; the same index in the default context: noCreation"

# 3. SETs in blue write blue's sysctl only, with the namespace's own verdict.
out=$(snmpset -v2c -c bluerw -m '' -On -t 5 -r 0 "127.0.0.1:$PORT" $TTL i 33 2>&1)
[ "$(status "$out")" = ok ] || fail "SET ipDefaultTTL 33 in blue: $out"
[ "$(in_ns blue cat /proc/sys/net/ipv4/ip_default_ttl)" = 33 ] || fail "blue's ip_default_ttl was not written"
for n in red green; do
	[ "$(in_ns $n cat /proc/sys/net/ipv4/ip_default_ttl)" = 64 ] || fail "$n's ip_default_ttl changed"
done
[ "$(cat /proc/sys/net/ipv4/ip_default_ttl)" = 64 ] || fail "the default namespace's ip_default_ttl changed"
[ "$(cget blue $TTL | value)" = 33 ] && [ "$(cget red $TTL | value)" = 64 ] ||
	fail "ipDefaultTTL reads: blue $(cget blue $TTL), red $(cget red $TTL)"
grep -q "SET ip_default_ttl in context 'blue': '64' -> '33'" "$T/agent.log" || fail "no log line naming the context"
kernel_refuses /proc/sys/net/ipv4/ip_default_ttl 0 || fail "this kernel takes ip_default_ttl 0"
out=$(snmpset -v2c -c bluerw -m '' -On -t 5 -r 0 "127.0.0.1:$PORT" $TTL i 0 2>&1)
[ "$(status "$out")" = wrongValue ] || fail "SET ipDefaultTTL 0 in blue: $out"
[ "$(in_ns blue cat /proc/sys/net/ipv4/ip_default_ttl)" = 33 ] || fail "a refused SET wrote"
# ip_forward then ip_default_ttl 0: refused in RESERVE1, nothing written
out=$(snmpset -v2c -c bluerw -m '' -On -t 5 -r 0 "127.0.0.1:$PORT" .1.3.6.1.2.1.4.1.0 i 1 $TTL i 0 2>&1)
[ "$(status "$out")" = wrongValue ] && [ "$(in_ns blue cat /proc/sys/net/ipv4/ip_forward)" = 0 ] ||
	fail "a two-varbind SET with one bad value in blue: $out; ip_forward $(in_ns blue cat /proc/sys/net/ipv4/ip_forward)"
# The shipped Nagios check of blue's forwarding: CRITICAL while off, OK once on.
check "IPv4 forwarding on in namespace blue" 2
out=$(snmpset -v2c -c bluerw -m '' -On -t 5 -r 0 "127.0.0.1:$PORT" .1.3.6.1.2.1.4.1.0 i 1 2>&1)
[ "$(status "$out")" = ok ] && [ "$(in_ns blue cat /proc/sys/net/ipv4/ip_forward)" = 1 ] ||
	fail "SET ipForwarding 1 in blue: $out"
check "IPv4 forwarding on in namespace blue" 0
[ "$(cat /proc/sys/net/ipv4/ip_forward)" = 0 ] && [ "$(get .1.3.6.1.2.1.4.1.0 | value)" = 2 ] ||
	fail "forwarding changed outside blue"
out=$(snmpset -v2c -c blue -m '' -On -t 5 -r 0 "127.0.0.1:$PORT" $TTL i 40 2>&1)
[ "$(status "$out")" = noAccess ] || fail "SET through the read-only community of blue: $out"
ok "SET ipDefaultTTL and ipForwarding in blue: blue's files only; 0 refused (wrongValue); check_snmp on blue's context CRITICAL then OK; read-only community noAccess"

# IPv6 tunables too: ipv6IpDefaultHopLimit writes blue's conf/default/hop_limit,
# and blue's ipstackSysctlTable shows it.
HOPS=.1.3.6.1.2.1.4.26.0
out=$(snmpset -v2c -c bluerw -m '' -On -t 5 -r 0 "127.0.0.1:$PORT" $HOPS i 33 2>&1)
[ "$(status "$out")" = ok ] && [ "$(in_ns blue cat /proc/sys/net/ipv6/conf/default/hop_limit)" = 33 ] ||
	fail "SET ipv6IpDefaultHopLimit 33 in blue: $out"
[ "$(in_ns red cat /proc/sys/net/ipv6/conf/default/hop_limit)" = 64 ] &&
	[ "$(cat /proc/sys/net/ipv6/conf/default/hop_limit)" = 64 ] || fail "hop_limit changed outside blue"
[ "$(cget blue "$SYSCTL_VALUE$(idx ipv6/conf/default/hop_limit)" | value)" = '"33"' ] ||
	fail "blue's ipv6/conf/default/hop_limit row: $(cget blue "$SYSCTL_VALUE$(idx ipv6/conf/default/hop_limit)")"
out=$(snmpset -v2c -c bluerw -m '' -On -t 5 -r 0 "127.0.0.1:$PORT" $HOPS i 256 2>&1)
[ "$(status "$out")" = wrongValue ] && [ "$(in_ns blue cat /proc/sys/net/ipv6/conf/default/hop_limit)" = 33 ] ||
	fail "SET ipv6IpDefaultHopLimit 256 in blue: $out"
ok "SET ipv6IpDefaultHopLimit in blue: blue's conf/default/hop_limit only, its row in blue's ipstackSysctlTable; 256 refused"

# 4. Namespaces come and go while a client polls every context.
poll() {
	while :; do
		for n in blue green red yellow; do
			snmpget -v3 -l noAuthNoPriv -u ctx -n $n -m '' -On -t 0.3 -r 0 "127.0.0.1:$PORT" $ICMP_IN_ECHOS 2>&1
		done
		sleep 0.05
	done >"$T/poll.out"
}
poll &
POLLER=$!
t0=$(date +%s%N)
mkns yellow
# (snmpd drops a request for a context it does not know: short timeouts)
wait_for 5 sh -c "snmpget -v3 -l noAuthNoPriv -u ctx -n yellow -m '' -On -t 0.05 -r 0 127.0.0.1:$PORT $ICMP_IN_ECHOS | grep -q Counter32" ||
	fail "context yellow did not appear"
added_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
t0=$(date +%s%N)
rmns red
wait_for 5 sh -c "grep -q \"context 'red' unregistered: its namespace file is gone\" $T/agent.log" ||
	fail "context red was not unregistered"
removed_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
out=$(v3walk red .1.3.6.1.2.1)
grep -q '^\.1\.3\.6\.1\.2\.1\.[4-7]\.' <<<"$out" && fail "a walk of the deleted context still answers: $(head -3 <<<"$out")"
polled() { [ "$(grep -c Counter32 "$T/poll.out")" -gt 40 ]; }
wait_for 20 polled || fail "the poller got few answers: $(wc -l <"$T/poll.out") lines"
kill $POLLER
wait $POLLER 2>/dev/null
POLLER=
kill -0 "$AGENT_PID" || fail "the daemon died while namespaces came and went"
# Every poll answer is a Counter32 or, for a context not (or no longer) there, no object / no answer.
bad=$(grep -v -e 'Counter32: ' -e 'No Such Object' -e '^Timeout' "$T/poll.out" | head -3)
[ -z "$bad" ] || fail "unexpected answers while polling: $bad"
ok "yellow answered ${added_ms} ms after it was made; red unregistered ${removed_ms} ms after its deletion; $(wc -l <"$T/poll.out") polls, none wrong"

# 5. A file that is not a namespace is logged and skipped.
echo "not a namespace" >"$NS/junk"
wait_for 5 grep -q "$NS/junk: not a network namespace; skipped" "$T/agent.log" || fail "junk not reported"
[ "$(grep -c "$NS/junk" "$T/agent.log")" = 1 ] || fail "junk reported more than once"
# a name that would forge a log line: escaped, skipped, no context
touch "$NS/$(printf 'evil\nforged line')" && unshare --net="$NS/$(printf 'evil\nforged line')" true ||
	fail "cannot make the oddly named namespace"
wait_for 5 grep -qF "$NS/evil\x0aforged line: a name with control characters; skipped" "$T/agent.log" ||
	fail "the control-character name was not reported escaped: $(grep -a evil "$T/agent.log")"
grep -q "^forged line" "$T/agent.log" && fail "a file name forged a log line"
# a symbolic link (to the daemon's own namespace, here): refused, once
ln -s /proc/self/ns/net "$NS/link"
wait_for 5 grep -q "$NS/link: a symbolic link; skipped" "$T/agent.log" || fail "the symbolic link was not reported"
touch "$NS/junk2" # another event: another scan
sleep 1.5
[ "$(grep -c "$NS/link" "$T/agent.log")" = 1 ] || fail "the link reported more than once"
grep -q "context 'link' registered" "$T/agent.log" && fail "a symbolic link was served as a context"
ok "a plain file in netnsDir: one log line, skipped; a name with a newline: escaped, skipped; a symbolic link: refused, one line"

# 6. SIGHUP narrows the choice: only blue and yellow.
sed -i 's/^netnsContexts all$/netnsContexts blue yel*/' "$T/agent.conf"
kill -HUP "$AGENT_PID"
wait_for 5 grep -q "context 'green' unregistered" "$T/agent.log" || fail "green stayed after SIGHUP"
[ "$(v3get yellow $ICMP_IN_ECHOS | value)" = 0 ] && v3get blue $ICMP_IN_ECHOS | grep -q Counter32 ||
	fail "blue or yellow gone after SIGHUP: $(v3get yellow $ICMP_IN_ECHOS)"
ok "SIGHUP with 'netnsContexts blue yel*': green unregistered, blue and yellow served"

# 7. snmpd restarts: every context is registered again, and nothing is refused.
kill "$SNMPD_PID"; wait "$SNMPD_PID" 2>/dev/null
restart_snmpd
wait_for 15 sh -c "snmpget -v3 -l noAuthNoPriv -u ctx -n yellow -m '' -On -t 0.2 -r 0 127.0.0.1:$PORT $ICMP_IN_ECHOS | grep -q Counter32" ||
	fail "context yellow did not come back after snmpd restarted"
[ "$(cget blue $TTL | value)" = 33 ] || fail "blue after the restart: $(cget blue $TTL)"
grep -q "registering pdu failed" "$T/agent.log" && fail "registrations refused: $(grep -c 'registering pdu failed' "$T/agent.log") lines"
ok "after snmpd restarted: blue and yellow answer again, no registration refused"

# 8. Without CAP_SYS_ADMIN: one line, the default context as before.  (The
# module: dlmod.sh, in snmpd run as Debian-snmp.)
[ "$IPSTACK_MODE" = dlmod ] && exit 0
kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null
AGENT_PID=
: >"$T/agent.log"
setpriv --inh-caps=-sys_admin --bounding-set=-sys_admin -- "$DAEMON" -f -Lf "$T/agent.log" -x "$SOCK" \
	-c "$T/agent.conf" --proc-root /proc &
AGENT_PID=$!
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT .1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0 | grep -q Counter32" ||
	fail "the daemon without CAP_SYS_ADMIN does not serve the default context"
[ "$(grep -c 'network namespace contexts are off: entering a namespace needs CAP_SYS_ADMIN' "$T/agent.log")" = 1 ] ||
	fail "no single line saying contexts are off"
grep -q "registered" "$T/agent.log" && fail "contexts registered without CAP_SYS_ADMIN"
ok "without CAP_SYS_ADMIN: one line, default context served"
