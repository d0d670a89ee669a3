#!/bin/sh
# A live demo on this machine's own counters (run as root on Debian 12):
# installs the build dependencies, builds (in _build/demo), starts a private
# snmpd master on 127.0.0.1:16161 with its AgentX socket in a temp dir,
# starts the subagent against it, and walks the IP, ICMP, TCP and UDP
# subtrees.
#
#   sh tools/demo.sh          start and walk
#   sh tools/demo.sh stop     stop the demo's snmpd and subagent
set -eu
cd "$(dirname "$0")/.."
STATE=/tmp/ipstack-agentx-demo
PORT=16161

stop() {
	for p in agent snmpd; do
		[ -f "$STATE/$p.pid" ] && kill "$(cat "$STATE/$p.pid")" 2>/dev/null || :
	done
	rm -rf "$STATE"
}

if [ "${1:-}" = stop ]; then
	stop
	echo "demo stopped"
	exit 0
fi

sh tools/install-deps.sh > /dev/null
# Built out of the tree, in _build/demo, as the README's development loop
# builds in _build/default: the work tree stays clean (git status shows
# nothing new) and either can be configured after the other.
[ -x configure ] || autoreconf -fi
mkdir -p _build/demo
[ -f _build/demo/Makefile ] || (cd _build/demo && ../../configure > configure.log)
make -C _build/demo -j"$(nproc)" > /dev/null

stop
mkdir -p "$STATE/persist"
cat > "$STATE/snmpd.conf" <<CONF
master agentx
agentXSocket $STATE/agentx.sock
agentXPerms 0600 0700
rocommunity public 127.0.0.1
CONF
MIBS= SNMP_PERSISTENT_DIR="$STATE/persist" /usr/sbin/snmpd -C -c "$STATE/snmpd.conf" \
	-Lf "$STATE/snmpd.log" -p "$STATE/snmpd.pid" udp:127.0.0.1:$PORT
printf 'agentXPingInterval 1\n' > "$STATE/agent.conf"
chmod 0644 "$STATE/agent.conf"
_build/demo/src/ipstack-agentx -x "$STATE/agentx.sock" -c "$STATE/agent.conf" \
	-Lf "$STATE/agent.log" -p "$STATE/agent.pid"

# Wait until the subagent answers (its ipSystemStatsRefreshRate is 1000).
i=0
until snmpget -v2c -c public -m '' -Oqv 127.0.0.1:$PORT \
	1.3.6.1.2.1.4.31.1.1.47.1 2>/dev/null | grep -qx 1000; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "subagent did not come up; see $STATE/*.log" >&2; exit 1; }
	sleep 0.1
done

for sub in 4 5 6 7; do
	snmpbulkwalk -v2c -c public -m '' -On 127.0.0.1:$PORT 1.3.6.1.2.1.$sub
done
cat <<MSG

The demo is running: snmpd on udp:127.0.0.1:$PORT, ipstack-agentx behind it
(logs in $STATE/).  Try:
  snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT 1.3.6.1.2.1.6.17.0
Stop it with:  sh tools/demo.sh stop
MSG
