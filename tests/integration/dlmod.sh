#!/bin/bash
# The same objects loaded into snmpd itself: `dlmod ipstack .../ipstack.so`
# in a stock snmpd with all its own modules, no AgentX.  Every golden object
# of a fixture by GET, and walks of .4-.7 in our regions equal the golden
# list (our registrations win in-process too); a SET of ipDefaultTTL writes
# the fixture's tunable with the same semantics (wrongValue for 0, nothing
# written); snmpd's SIGHUP re-reads our configuration; snmpd stops cleanly
# with the module unloaded; a namespace file becomes a context served
# in-process; under snmpd -u Debian-snmp (no CAP_NET_ADMIN, no
# CAP_SYS_ADMIN) the module says once that SETs will be refused and that
# contexts are off, and they are.  In a private network namespace.  In a
# sanitizer build snmpd gets the module's ASan runtime preloaded (harness).
# It is the module's own test, and loads it itself: the dlmod pass of the
# suite skips it, having nothing to add.
IPSTACK_PRIVATE_MOUNTS=1 # for the namespace files of the contexts part
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"
[ "$IPSTACK_MODE" = dlmod ] && { echo "SKIP: it loads the module itself; run in the agentx pass"; exit 77; }
MODULE=$(dirname "$DAEMON")/ipstack.so
[ -f "$MODULE" ] || fail "no $MODULE"

cp -r "$TESTS_DATA/linux-6.18" "$T/fx"
mkdir -p "$T/fx/sys/net/ipv4" && echo 64 > "$T/fx/sys/net/ipv4/ip_default_ttl"
mkdir "$T/conf" && printf 'procRoot %s\n' "$T/fx" > "$T/conf/ipstack-agentx.conf"
chmod 0644 "$T/conf/ipstack-agentx.conf"
OURS='^\.1\.3\.6\.1\.2\.1\.(4\.([1-9]|1[0-9]|2[356])\.|4\.31\.1\.|5\.|6\.([1-9]|1[0-2]|1[4578])\.|7\.([1-4]|[89])\.)'

NS=$T/netns
POLLER=
test_cleanup() {
	[ -n "$POLLER" ] && kill "$POLLER" 2>/dev/null
	umount -ql "$NS"/* 2>/dev/null
}
# community "blue" reads context "blue"
CONTEXTS='com2sec -Cn blue secblue 127.0.0.1 blue
group ctxs v2c secblue
view every included .1
access ctxs "" any noauth prefix every none none'

# snmpd finds our configuration where the daemon would: $SNMPCONFPATH.
SNMPD_EXTRA="dlmod ipstack $MODULE
$CONTEXTS" SNMPCONFPATH="$T/conf" start_snmpd
grep -q "ipstack: module loaded ($T/conf/ipstack-agentx.conf)" "$T/snmpd.log" ||
	fail "module not loaded: $(grep -i ipstack "$T/snmpd.log")"

expected "$T/fx" > "$T/want"
cut -d' ' -f1 "$T/want" | xargs -n 20 > "$T/batches"
: > "$T/got"
while read -r oids; do
	# shellcheck disable=SC2086
	get $oids >> "$T/got"
done < "$T/batches"
diff -u "$T/want" "$T/got" > "$T/diff" || fail "GET differs: $(head -20 "$T/diff")"
for tool in walk bulkwalk; do
	for sub in 4 5 6 7; do $tool ".1.3.6.1.2.1.$sub"; done > "$T/walk"
	grep -q 'OID not increasing' "$T/walk" && fail "$tool: OIDs out of order"
	grep -E "$OURS" "$T/walk" | diff -u "$T/want" - > "$T/diff" ||
		fail "$tool differs from the golden list: $(head -20 "$T/diff")"
done
ok "in-process: $(wc -l < "$T/want") objects by GET, walks and bulk walks equal the golden list"

# Run one or the other: the AgentX daemon beside the module is refused by
# the master as a duplicate, says so and exits 1; the module keeps serving.
start_agent "$T/fx"
for _ in $(seq 100); do kill -0 "$AGENT_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$AGENT_PID" 2>/dev/null && fail "the AgentX daemon kept running beside the module"
wait "$AGENT_PID"; rc=$?; AGENT_PID=
[ $rc -eq 1 ] && grep -q "refused our registrations as duplicates" "$T/agent.log" ||
	fail "daemon beside the module: exit $rc, $(cat "$T/agent.log")"
get .1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0 | grep -q Counter32 || fail "the module stopped serving"
ok "the AgentX daemon beside the module: refused as a duplicate, exit 1; the module serves on"

TTL=.1.3.6.1.2.1.4.2.0
[ "$(status "$(set_ $TTL i 0)")" = wrongValue ] || fail "ipDefaultTTL := 0 was not wrongValue"
[ "$(cat "$T/fx/sys/net/ipv4/ip_default_ttl")" = 64 ] || fail "a refused SET wrote"
[ "$(status "$(set_ $TTL i 99)")" = ok ] || fail "ipDefaultTTL := 99 refused"
[ "$(cat "$T/fx/sys/net/ipv4/ip_default_ttl")" = 99 ] || fail "ipDefaultTTL := 99 not written"
grep -q "^ipstack: SET ip_default_ttl: '64' -> '99'$" "$T/snmpd.log" || fail "the SET is not logged"
ok "SET ipDefaultTTL: 0 wrongValue (nothing written), 99 written and logged"

RATE=.1.3.6.1.2.1.4.31.1.1.47.1
printf 'procRoot %s\ncacheLifetime 0.25\n' "$T/fx" > "$T/conf/ipstack-agentx.conf"
kill -HUP "$SNMPD_PID"
wait_for 5 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $RATE | grep -q 'Gauge32: 250$'" ||
	fail "after snmpd's SIGHUP: $(get $RATE)"
ok "snmpd's SIGHUP re-reads our configuration (cacheLifetime 0.25 s)"

# Contexts in-process: a namespace file in netnsDir is served by snmpd
# itself as the context named like it, from that namespace's files.
mkdir "$NS" && touch "$NS/blue" && unshare --net="$NS/blue" true &&
	nsenter --net="$NS/blue" ip link set lo up || fail "cannot make namespace blue"
nsenter --net="$NS/blue" ping -c 3 -i 0.2 -q 127.0.0.1 > /dev/null || fail "ping in blue"
printf 'netnsDir %s\nnetnsContexts all\ncacheLifetime 0\n' "$NS" > "$T/conf/ipstack-agentx.conf"
kill -HUP "$SNMPD_PID"
wait_for 5 grep -q "context 'blue' registered" "$T/snmpd.log" || fail "no context blue in snmpd"
echos() { snmpget -v2c -c "$1" -m '' -On -t 2 -r 0 "127.0.0.1:$PORT" .1.3.6.1.2.1.5.8.0 2>&1 | sed 's/.*: //'; }
[ "$(echos blue)" = 3 ] && [ "$(echos public)" = 0 ] ||
	fail "icmpInEchos: context blue '$(echos blue)', default '$(echos public)' (want 3 and 0)"
ok "in-process context blue: icmpInEchos 3 (blue's pings), 0 in the default context"

# snmpd.conf names the module no more: snmpd's SIGHUP unloads it for good
# and snmpd's own modules answer; named again, the next SIGHUP loads it
# again, contexts included.  (An ordinary SIGHUP keeps it loaded: see
# config.sh and hostile.sh in the dlmod pass.)
HEALTH=.1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0
cp "$T/snmpd.conf" "$T/snmpd.conf.with"
grep -v '^dlmod ' "$T/snmpd.conf.with" > "$T/snmpd.conf"
kill -HUP "$SNMPD_PID"
wait_for 5 grep -q "ipstack: module unloaded" "$T/snmpd.log" || fail "the module stayed after its dlmod line went"
get $HEALTH | grep -q 'No Such Object' || fail "still served: $(get $HEALTH)"
get $TTL | grep -q 'INTEGER: ' || fail "snmpd's own ipDefaultTTL is not back: $(get $TTL)"
cp "$T/snmpd.conf.with" "$T/snmpd.conf"
kill -HUP "$SNMPD_PID"
wait_for 5 sh -c "[ \$(grep -c 'ipstack: module loaded' '$T/snmpd.log') -eq 2 ]" || fail "not loaded again"
get $HEALTH | grep -q Counter32 || fail "the module loaded again does not serve: $(get $HEALTH)"
wait_for 5 sh -c "[ \$(grep -c \"context 'blue' registered\" '$T/snmpd.log') -eq 2 ]" &&
	[ "$(echos blue)" = 3 ] || fail "context blue after the module came back: '$(echos blue)'"
ok "dlmod line removed: SIGHUP unloads the module, snmpd's own objects answer; restored: loaded and serving again"

# The dlmod line names another copy of the module (a new build elsewhere):
# snmpd's SIGHUP hands over from the old copy to the new one; a second
# line, for a copy elsewhere, stands by and says so.  A poller sees our
# objects throughout: never does nobody serve.
mkdir "$T/other" && cp "$MODULE" "$T/other/ipstack.so"
(while :; do get $HEALTH; sleep 0.05; done > "$T/polls") &
POLLER=$!
sed -i "s|^dlmod ipstack .*|dlmod ipstack $T/other/ipstack.so|" "$T/snmpd.conf"
kill -HUP "$SNMPD_PID"
wait_for 5 grep -q "ipstack: $T/other/ipstack.so takes over serving" "$T/snmpd.log" ||
	fail "the copy at the new path did not take over: $(grep 'ipstack: ' "$T/snmpd.log" | tail -n 4)"
echo "dlmod ipstack $MODULE" >> "$T/snmpd.conf"
kill -HUP "$SNMPD_PID"
wait_for 5 grep -q "ipstack: $MODULE loaded while another copy of the module serves: standing by" "$T/snmpd.log" ||
	fail "a second dlmod line: $(grep 'ipstack: ' "$T/snmpd.log" | tail -n 4)"
sed -i "\|^dlmod ipstack $T/other/ipstack.so|d" "$T/snmpd.conf"
kill -HUP "$SNMPD_PID"
wait_for 5 grep -q "ipstack: $MODULE takes over serving" "$T/snmpd.log" ||
	fail "the copy standing by did not take over: $(grep 'ipstack: ' "$T/snmpd.log" | tail -n 4)"
# a second line for the very same file: said, and nothing else happens
echo "dlmod ipstack $MODULE" >> "$T/snmpd.conf"
kill -HUP "$SNMPD_PID"
wait_for 5 grep -q "ipstack: $MODULE is loaded already: a second dlmod line for it is ignored" "$T/snmpd.log" ||
	fail "a second line for the same file: $(grep 'ipstack: ' "$T/snmpd.log" | tail -n 4)"
sleep 1
kill "$POLLER"; wait "$POLLER" 2>/dev/null
grep -v Counter32 "$T/polls" && fail "while copies handed over, ipstackAgentRefreshes was not ours"
[ "$(grep -c Counter32 "$T/polls")" -ge 5 ] || fail "too few polls: $(wc -l < "$T/polls")"
get $HEALTH | grep -q Counter32 || fail "nothing serves after the hand-overs: $(get $HEALTH)"
ok "dlmod line moved to another copy: handed over; a second line stands by and takes over when the first goes; a second line for the same file is ignored ($(wc -l < "$T/polls") polls, all ours)"

kill -TERM "$SNMPD_PID"; wait "$SNMPD_PID"; rc=$?; SNMPD_PID=
[ $rc -eq 0 ] || fail "snmpd exited $rc with the module loaded"
# net-snmp says so when a callback list is changed from inside itself
! grep -E '_callback_lock|netsnmp_assert' "$T/snmpd.log" || fail "net-snmp's callback lock complained"
grep -q "ipstack: module unloaded" "$T/snmpd.log" || fail "the module was not unloaded"
ok "snmpd stops cleanly (exit 0), the module unloaded"

# As Debian runs snmpd: it drops root for Debian-snmp after loading the
# module.  The live /proc of this namespace: writes would need
# CAP_NET_ADMIN, which Debian-snmp lacks.
id Debian-snmp > /dev/null 2>&1 || fail "no Debian-snmp user (install Debian's snmpd)"
printf 'cacheLifetime 0\nnetnsDir %s\nnetnsContexts all\n' "$NS" > "$T/conf/ipstack-agentx.conf"
chmod 0711 "$T"
# and on the search path a directory Debian-snmp may not enter, as root's
# $HOME/.snmp is on Debian's default one
mkdir -m 0700 "$T/locked" && mkdir "$T/locked/.snmp"
: > "$T/snmpd.log" && chown Debian-snmp "$T/snmpd.log" # new, and reopened on SIGHUP
SNMPD_EXTRA="dlmod ipstack $MODULE
$CONTEXTS" SNMPCONFPATH="$T/conf:$T/locked/.snmp" SNMPD_ARGS="-u Debian-snmp -g Debian-snmp" \
	start_snmpd
wait_for 5 grep -q "lacks CAP_NET_ADMIN" "$T/snmpd.log" ||
	fail "no line about the missing privilege: $(grep ipstack "$T/snmpd.log")"
wait_for 5 grep -q "network namespace contexts are off" "$T/snmpd.log" ||
	fail "no line saying contexts are off: $(grep -i context "$T/snmpd.log")"
grep -q "context 'blue' unregistered: namespaces cannot be entered" "$T/snmpd.log" ||
	fail "context blue stayed registered without CAP_SYS_ADMIN"
ttl=$(cat /proc/sys/net/ipv4/ip_default_ttl)
r=$(set_ $TTL i $((ttl == 64 ? 65 : 64)))
[ "$(status "$r")" = notWritable ] || fail "SET as Debian-snmp: $r"
[ "$(cat /proc/sys/net/ipv4/ip_default_ttl)" = "$ttl" ] || fail "ip_default_ttl changed"
ok "snmpd as Debian-snmp: one line at load that SETs will be refused, one that contexts are off; a SET is notWritable, nothing written"
kill -HUP "$SNMPD_PID"
wait_for 5 grep -q "configuration re-read from $T/conf/ipstack-agentx.conf:" "$T/snmpd.log" ||
	fail "SIGHUP as Debian-snmp did not re-read: $(grep 'ipstack: ' "$T/snmpd.log" | tail -n 3)"
grep -q "cannot open" "$T/snmpd.log" && fail "a directory it may not enter is reported: $(grep 'cannot open' "$T/snmpd.log")"
ok "SIGHUP as Debian-snmp re-reads the file; a search-path directory it may not enter is skipped"

# With the README's systemd drop-in for snmpd (User=Debian-snmp,
# AmbientCapabilities=CAP_NET_ADMIN ...), as setpriv does it here: snmpd
# starts unprivileged with CAP_NET_ADMIN alone, and the SET is written.
kill "$SNMPD_PID"; wait "$SNMPD_PID" 2>/dev/null; SNMPD_PID=
command -v setpriv > /dev/null || fail "setpriv missing (util-linux)"
mkdir -p "$T/persist" "$T/ax" && chown Debian-snmp "$T/persist" "$T/ax"
: > "$T/snmpd.log" && chown Debian-snmp "$T/snmpd.log" # a new log, for the grep below
SOCK="$T/ax/agentx.sock" # snmpd creates it, unprivileged now
rm -f "$T/snmpd.pid"
chgrp Debian-snmp "$T" && chmod 0771 "$T" # its pid file goes there
SNMPD_REAL=$SNMPD
SNMPD="$T/snmpd-with-cap"
printf '#!/bin/sh\nexec setpriv --reuid Debian-snmp --regid Debian-snmp --init-groups --inh-caps +net_admin --ambient-caps +net_admin %s "$@"\n' \
	"$SNMPD_REAL" > "$SNMPD"
chmod 0755 "$SNMPD"
# smux's port 199 is privileged: off, as Debian's unit has it (-I -smux).
SNMPD_EXTRA="dlmod ipstack $MODULE" SNMPCONFPATH="$T/conf" SNMPD_ARGS="-I -smux" start_snmpd
sleep 1.5 # past the module's privilege check
grep -q "lacks CAP_NET_ADMIN" "$T/snmpd.log" && fail "warned with CAP_NET_ADMIN held"
new=$((ttl == 64 ? 65 : 64))
r=$(set_ $TTL i $new)
[ "$(status "$r")" = ok ] || fail "SET with CAP_NET_ADMIN: $r"
[ "$(cat /proc/sys/net/ipv4/ip_default_ttl)" = "$new" ] || fail "ip_default_ttl not written"
ok "snmpd as Debian-snmp with CAP_NET_ADMIN (the README's drop-in): the SET is written"
