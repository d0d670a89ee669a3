#!/bin/bash
# The installed Debian package: its files where Debian keeps them, and one
# GET through a real snmpd served by the installed daemon reading the
# installed /etc/snmp/ipstack-agentx.conf (run by tools/deb.sh).
. "$TESTS_LIB/harness.sh"

for f in /usr/sbin/ipstack-agentx /usr/share/man/man8/ipstack-agentx.8.gz \
	/usr/share/man/man5/ipstack-agentx.conf.5.gz /usr/share/doc/ipstack-agentx/doc/tunables.md* \
	/usr/share/snmp/mibs/LINUX-IPSTACK-MIB.txt /lib/systemd/system/ipstack-agentx.service \
	/etc/snmp/ipstack-agentx.conf \
	/usr/share/doc/ipstack-agentx/examples/snmpd.conf.d/ipstack-agentx.conf; do
	[ -e "$f" ] || fail "not installed: $f"
done
grep -qx 'ExecStart=/usr/sbin/ipstack-agentx -f -Ls daemon' /lib/systemd/system/ipstack-agentx.service ||
	fail "unit: $(grep ExecStart /lib/systemd/system/ipstack-agentx.service)"
zcat /usr/share/man/man8/ipstack-agentx.8.gz | grep -q '^\.I /usr/share/snmp/mibs/LINUX-IPSTACK-MIB.txt' ||
	fail "man page FILES does not name the installed MIB"
[ -e /etc/snmp/snmpd.conf.d/ipstack-agentx.conf ] && fail "the drop-in was enabled behind the admin's back"
ls /usr/lib/*/snmp/dlmod/ipstack.so > /dev/null 2>&1 || fail "no dlmod module in /usr/lib/<triplet>/snmp/dlmod"
ls /usr/share/doc/ipstack-agentx/README* > /dev/null 2>&1 || fail "no README in /usr/share/doc/ipstack-agentx"
zcat /usr/share/man/man5/ipstack-agentx.conf.5.gz | grep -q '^\.I /etc/snmp/ipstack-agentx.conf' ||
	fail "ipstack-agentx.conf(5) does not name the installed file"
ok "files: daemon, dlmod module, man pages, README and doc/, MIB, unit (ExecStart /usr/sbin), /etc/snmp conf, drop-in as an example only"

# No -c: the installed /etc/snmp/ipstack-agentx.conf is read (net-snmp's path).
start_snmpd
/usr/sbin/ipstack-agentx -f -Lf "$T/agent.log" -x "$SOCK" &
AGENT_PID=$!
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT .1.3.6.1.2.1.6.17.0 | grep -q Counter64" ||
	fail "no tcpHCInSegs from the installed daemon: $(get .1.3.6.1.2.1.6.17.0)"
grep -q "configuration read from /etc/snmp/ipstack-agentx.conf" "$T/agent.log" ||
	fail "the installed configuration was not read: $(head -n 3 "$T/agent.log")"
ok "the installed daemon serves tcpHCInSegs through snmpd, with /etc/snmp/ipstack-agentx.conf"
