#!/bin/bash
# Least privilege: the daemon runs as nobody with CAP_NET_ADMIN alone (as
# the systemd unit has it).  Reads work, an allowed write works, a denied
# one is refused, and the process holds nothing more.  In a private network
# namespace, so the write lands there.
if [ -z "${IPSTACK_IN_NETNS:-}" ]; then
	exec unshare -n env IPSTACK_IN_NETNS=1 bash "$0" "$@"
fi
. "$TESTS_LIB/harness.sh"
ip link set lo up || fail "cannot bring up lo in the namespace"
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
printf 'agentXPingInterval 1\nwriteAllow tcp_syncookies\n' > "$D/agent.conf"
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
