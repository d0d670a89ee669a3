#!/bin/bash
# Hostile and odd requests from an independent SNMP client (npm net-snmp):
# see tests/stress/stress.js.  The daemon must stay up and every answer be
# a valid SNMP response.  Writes go to a fixture tree, never to the host.
. "$TESTS_LIB/harness.sh"

NODE_MODULES=${IPSTACK_NODE_MODULES:-/usr/local/share/ipstack-agentx-test/node_modules}
[ -d "$NODE_MODULES/net-snmp" ] || fail "no npm net-snmp in $NODE_MODULES: run tools/install-deps.sh"
command -v node > /dev/null || fail "node missing"

# net/ from a 6.18 capture, sys/net/ipv4 from the tunables fixture.
mkdir -p "$T/fx"
cp -r "$TESTS_DATA/linux-6.18/net" "$TESTS_DATA/sysctl/sys" "$T/fx/"
cp "$TESTS_DATA/linux-6.18/expected.txt" "$T/fx/"
chmod -R u+w "$T/fx"

start_snmpd
start_agent "$T/fx" "writeAllow tcp_*" "cacheLifetime 0"
wait_agent "$T/fx"
for seed in 1 2; do
	NODE_PATH="$NODE_MODULES" timeout 120 node "$TESTS_LIB/../stress/stress.js" "$PORT" "$seed" \
		> "$T/stress.out" 2>&1 || fail "seed $seed: $(cat "$T/stress.out")"
	kill -0 "$AGENT_PID" || fail "the daemon died (seed $seed)"
	ok "seed $seed: $(head -1 "$T/stress.out")"
done
served_by_us "$T/fx" || fail "the daemon no longer answers correctly"
ok "the daemon is up and answers correctly after the stress"
