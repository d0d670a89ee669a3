#!/bin/bash
# Least privilege: the daemon runs as nobody with CAP_NET_ADMIN alone (as
# the systemd unit has it).  Reads work, an allowed write works, a denied
# one is refused, and the process holds nothing more.  In a private network
# namespace, so the write lands there.
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"
agentx_only "it runs as nobody (dlmod.sh runs the module in snmpd as Debian-snmp)"
command -v setpriv > /dev/null || fail "setpriv missing (util-linux)"

SYS=/proc/sys/net/ipv4
E=.1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1
SYNCOOKIES=$E.2.14.116.99.112.95.115.121.110.99.111.111.107.105.101.115
TIMESTAMPS=$E.2.14.116.99.112.95.116.105.109.101.115.116.97.109.112.115
IN_RECEIVES=.1.3.6.1.2.1.4.3.0

# Files the unprivileged daemon reads and writes.
D=$(mktemp -d "${TMPDIR:-/tmp}/ipstack-nobody.XXXXXX")
trap 'rc=$?; rm -rf "$D"; (exit $rc); cleanup' EXIT
chmod 0755 "$D"
printf '%s\n' "agentXPingInterval 1" "writeAllow tcp_syncookies" "writeAllow tcp_congestion_control" \
	"writeAllow tcp_allowed_congestion_control" > "$D/agent.conf"
chmod 0644 "$D/agent.conf"
touch "$D/agent.log" && chown nobody:nogroup "$D/agent.log"

chmod 0711 "$T" # nobody must reach the AgentX socket in it
AGENTX_PERMS="0666 0777" start_snmpd
setpriv --reuid=nobody --regid=nogroup --clear-groups \
	--bounding-set=-all,+net_admin --inh-caps=-all,+net_admin --ambient-caps=-all,+net_admin \
	"$DAEMON" -f -Lf "$D/agent.log" -x "$SOCK" -c "$D/agent.conf" &
AGENT_PID=$!
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $SYNCOOKIES | grep -q STRING" ||
	fail "the unprivileged daemon did not come up: $(cat "$D/agent.log")"

[ "$(awk '/^Uid:/ { print $2 }' /proc/$AGENT_PID/status)" = 65534 ] || fail "not running as nobody"
capeff=$(awk '/^CapEff:/ { print $2 }' /proc/$AGENT_PID/status)
[ "$capeff" = 0000000000001000 ] || fail "effective capabilities $capeff, want CAP_NET_ADMIN (0x1000) only"
ok "running as nobody with CapEff $capeff (CAP_NET_ADMIN only)"

get $IN_RECEIVES | grep -q 'Counter32: ' || fail "read as nobody: $(get $IN_RECEIVES)"
ok "reads need no privilege"

old=$(cat $SYS/tcp_syncookies) new=$(( $(cat $SYS/tcp_syncookies) == 2 ? 1 : 2 ))
out=$(snmpset -v2c -c private -m '' -On 127.0.0.1:$PORT $SYNCOOKIES s $new 2>&1)
[ "$(cat $SYS/tcp_syncookies)" = $new ] || fail "allowed write as nobody+CAP_NET_ADMIN: $out"
printf '%s' "$old" > $SYS/tcp_syncookies
out=$(snmpset -v2c -c private -m '' -On 127.0.0.1:$PORT $TIMESTAMPS s 0 2>&1)
grep -q notWritable <<<"$out" || fail "denied write: $out"
ok "an allowed write works with CAP_NET_ADMIN alone, a denied one is refused"

# Unprivileged, the daemon cannot look at pid 1's namespace, yet it must
# know it is in a child one: there only allowed congestion controls are
# accepted, and the model says so before the kernel has to.
CC=$E.2.22.116.99.112.95.99.111.110.103.101.115.116.105.111.110.95.99.111.110.116.114.111.108
other=$(tr ' ' '\n' < $SYS/tcp_available_congestion_control |
	grep -vxF -f <(tr ' ' '\n' < $SYS/tcp_allowed_congestion_control) | head -n 1)
[ -n "$other" ] || fail "no congestion control is available but not allowed here: the case cannot be told"
kernel_refuses $SYS/tcp_congestion_control "$other" || fail "this kernel takes '$other' in a child namespace"
out=$(snmpset -v2c -c private -m '' -On 127.0.0.1:$PORT $CC s "$other" 2>&1)
grep -q 'Reason: wrongValue' <<<"$out" || fail "SET tcp_congestion_control $other: $out"
grep -q "SET tcp_congestion_control refused: '$other'" "$D/agent.log" ||
	fail "the model did not predict the child namespace's refusal: $(grep congestion "$D/agent.log")"
ok "as nobody in a child namespace, '$other' (available, not allowed) is refused by the model"

# Without CAP_NET_ADMIN the kernel refuses every write: the SET answers
# notWritable (not undoFailed: nothing was written, nothing to undo), counts
# as refused, and the table says the entry is not writable.
stop_agent
: > "$D/agent.log"
setpriv --reuid=nobody --regid=nogroup --clear-groups \
	--bounding-set=-all --inh-caps=-all --ambient-caps=-all \
	"$DAEMON" -f -Lf "$D/agent.log" -x "$SOCK" -c "$D/agent.conf" &
AGENT_PID=$!
REFUSED=.1.3.6.1.4.1.8072.9999.9999.1.1.4.6.0 # registered last: the daemon is all there
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $REFUSED | grep -q Counter32" ||
	fail "the daemon without capabilities did not come up: $(cat "$D/agent.log")"
[ "$(awk '/^CapEff:/ { print $2 }' /proc/$AGENT_PID/status)" = 0000000000000000 ] ||
	fail "capabilities left"
WRITABLE=$E.8.14.116.99.112.95.115.121.110.99.111.111.107.105.101.115
before=$(get $REFUSED | sed 's/.*: //')
old=$(cat $SYS/tcp_syncookies)
out=$(snmpset -v2c -c private -m '' -On 127.0.0.1:$PORT $SYNCOOKIES s $(( (old + 1) % 3 )) 2>&1)
grep -q 'Reason: notWritable' <<<"$out" || fail "SET without CAP_NET_ADMIN: $out"
[ "$(cat $SYS/tcp_syncookies)" = "$old" ] || fail "written without CAP_NET_ADMIN"
grep -q "rolled back\|UNDO" "$D/agent.log" && fail "an undo ran for a write that never happened"
wait_for 5 sh -c "[ \"\$(snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $REFUSED | sed 's/.*: //')\" -gt $before ]" ||
	fail "ipstackAgentSetsRefused stayed at $before"
get $WRITABLE | grep -q 'INTEGER: 2$' || fail "ipstackSysctlWritable: $(get $WRITABLE)"
ok "without CAP_NET_ADMIN: notWritable, nothing undone, counted as refused, shown not writable"
