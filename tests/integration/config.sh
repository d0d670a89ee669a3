#!/bin/bash
# The configuration as the systemd unit uses it: no -c, no -x.  The file is
# found on net-snmp's search path (SNMPCONFPATH points it at a temp dir),
# obeyed (agentXSocket, writeDeny), re-read on SIGHUP, and a bad reload or
# a FIFO in its place changes nothing and stalls nothing.  In dlmod mode
# the same for the module, through snmpd's SIGHUP (which must not unload
# it).  In a private network namespace, since it writes ip_forward.
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

SYS=/proc/sys/net/ipv4
FWD=.1.3.6.1.2.1.4.1.0
HEALTH=.1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0 # ipstackAgentReadings: ours alone
CONF=$T/conf # where the harness points the module's search path too
mkdir -p "$CONF"

# write_conf LINES...: the main file on the search path.
write_conf() {
	{
		echo "agentXSocket $SOCK"
		echo "agentXPingInterval 1"
		printf '%s\n' "$@"
	} > "$CONF/ipstack-agentx.conf"
	chmod 0644 "$CONF/ipstack-agentx.conf"
}
registered() { get $HEALTH | grep -q Counter32; }
reloaded() { # COUNT: the COUNT-th reload has been logged, good or bad
	[ "$(grep -c "$RELOAD_LINE" "$T/agent.log")" -ge "$1" ] &&
		grep -qE 'configuration (re-read from|not re-read)' <(tail -n 3 "$T/agent.log")
}
forward() { echo "$1" > $SYS/ip_forward; }

echo 0 > $SYS/ip_forward
write_conf "writeDeny ip_forward"
start_snmpd
if [ "$IPSTACK_MODE" = dlmod ]; then
	start_module
	wait_for 15 registered || fail "the module does not serve"
	read_line="module loaded ($CONF/ipstack-agentx.conf)"
else
	SNMPCONFPATH=$CONF "$DAEMON" -f -Lf "$T/agent.log" &
	AGENT_PID=$!
	wait_for 15 registered || fail "no -c, no -x: the daemon did not reach the master named in the file"
	read_line="configuration read from $CONF/ipstack-agentx.conf"
fi
grep -qF "$read_line" "$T/agent.log" || fail "the file read is not logged"
ok "without -c: $CONF/ipstack-agentx.conf found and read ($IPSTACK_MODE)"

[ "$(status "$(set_ $FWD i 1)")" = notWritable ] || fail "writeDeny ip_forward ignored"
[ "$(cat $SYS/ip_forward)" = 0 ] || fail "ip_forward written despite writeDeny"
ok "writeDeny in the default file is obeyed"

write_conf
kill -HUP "$AGENT_PID"
wait_for 5 reloaded 1 || fail "SIGHUP not handled"
[ "$(status "$(set_ $FWD i 1)")" = ok ] && [ "$(cat $SYS/ip_forward)" = 1 ] ||
	fail "after SIGHUP without writeDeny: $(cat $SYS/ip_forward)"
forward 0
ok "SIGHUP re-reads the file: the write is allowed again"

# A .local.conf beside it adds to it, as net-snmp's files do.
printf 'writeDeny ip_forward\n' > "$CONF/ipstack-agentx.local.conf"
chmod 0644 "$CONF/ipstack-agentx.local.conf"
kill -HUP "$AGENT_PID"
wait_for 5 reloaded 2 || fail "second SIGHUP not handled"
grep -q "re-read from $CONF/ipstack-agentx.conf, $CONF/ipstack-agentx.local.conf" "$T/agent.log" ||
	fail "the files re-read are not logged"
[ "$(status "$(set_ $FWD i 1)")" = notWritable ] && [ "$(cat $SYS/ip_forward)" = 0 ] ||
	fail "writeDeny of ipstack-agentx.local.conf ignored after SIGHUP"
ok "SIGHUP: ipstack-agentx.local.conf read too, its writeDeny obeyed"

# A reload with an error keeps every setting, the deny included.
printf 'writeDeny ip_forward\nwriteDney ip_default_ttl\n' > "$CONF/ipstack-agentx.local.conf"
kill -HUP "$AGENT_PID"
wait_for 5 reloaded 3 || fail "third SIGHUP not handled"
grep -q "ipstack-agentx.local.conf line 2: unknown token 'writeDney'" "$T/agent.log" ||
	fail "the bad token is not reported with file and line"
grep -q "configuration not re-read: 1 error; settings unchanged" "$T/agent.log" ||
	fail "the failed reload is not reported"
[ "$(status "$(set_ $FWD i 1)")" = notWritable ] || fail "a bad reload dropped the writeDeny"
ok "a reload with an unknown token changes nothing"

# A FIFO where the file was: the reload fails at once, requests go on.
rm "$CONF/ipstack-agentx.local.conf"
mv "$CONF/ipstack-agentx.conf" "$T/saved.conf"
mkfifo -m 0644 "$CONF/ipstack-agentx.conf"
kill -HUP "$AGENT_PID"
wait_for 5 reloaded 4 || fail "SIGHUP with a FIFO: no answer"
grep -q "ipstack-agentx.conf: cannot read: not a regular file" "$T/agent.log" ||
	fail "the FIFO is not reported"
t0=$(date +%s%N)
registered || fail "requests stall after a SIGHUP with a FIFO"
ok "a FIFO in place of the file: refused, GET answered in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
[ "$(status "$(set_ $FWD i 1)")" = notWritable ] || fail "the FIFO reload dropped the writeDeny"

kill -TERM "$AGENT_PID"
wait_for 5 sh -c "! kill -0 $AGENT_PID" || fail "one SIGTERM did not stop the daemon"
wait "$AGENT_PID"
rc=$?
AGENT_PID=
[ $rc -eq 0 ] || fail "exit status $rc after SIGTERM"
ok "one SIGTERM stops it, status 0"
