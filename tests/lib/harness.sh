# Shared helpers for the integration tests (sourced, bash).
#
# Each test gets its own temp dir with a private snmpd master (Debian's
# snmpd, its own MIB modules loaded) on 127.0.0.1 and a random UDP port,
# its AgentX socket in the temp dir, and our daemon connected to it.
# Readiness is polled, never slept for.  Everything is killed on exit.

set -u

: "${DAEMON:?DAEMON must name the built ipstack-agentx}"
: "${TESTS_DATA:?}"
SNMPD=${SNMPD:-/usr/sbin/snmpd}

T=$(mktemp -d "${TMPDIR:-/tmp}/ipstack-test.XXXXXX")
SNMPD_PID=
AGENT_PID=
PORT=
SOCK="$T/agentx.sock"
SNMPOPTS=(-v2c -c public -m '' -On -Ot -t 1 -r 2)

# In a sanitizer build, reports go to files that cleanup turns into a
# failure: a leak or an error anywhere in the daemon fails the test.
# Slow unwinding: net-snmp has no frame pointers, and the suppressions
# (tests/lsan.supp) need whole stacks to match.
export ASAN_OPTIONS="log_path=$T/sanitizer:fast_unwind_on_malloc=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="log_path=$T/sanitizer:print_stacktrace=1:${UBSAN_OPTIONS:-}"

cleanup() {
	local rc=$? reports
	[ -n "$AGENT_PID" ] && kill "$AGENT_PID" 2>/dev/null
	[ -n "$SNMPD_PID" ] && kill "$SNMPD_PID" 2>/dev/null
	# a test's own leftovers (pollers, mounts under $T) go first
	declare -F test_cleanup >/dev/null && test_cleanup
	wait 2>/dev/null
	# A report file with only "Suppressions used" is no finding.
	reports=$(grep -l -E 'ERROR: |runtime error' "$T"/sanitizer.* 2>/dev/null | xargs -r cat)
	rm -rf "$T"
	if [ -n "$reports" ]; then
		echo "FAIL: sanitizer reports:" >&2
		echo "$reports" >&2
		exit 1
	fi
	exit "$rc"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	for f in "$T"/*.log "$T"/sanitizer.*; do
		[ -f "$f" ] && { echo "--- $f"; tail -n 30 "$f"; } >&2
	done
	exit 1
}

ok() { echo "ok: $*"; }

# In the private namespace of netns.sh: its loopback, down until now.
if [ -n "${IPSTACK_IN_NETNS:-}" ]; then
	ip link set lo up || fail "cannot bring up lo in the namespace"
fi

# wait_for SECONDS COMMAND...: poll every 0.1 s until COMMAND succeeds.
wait_for() {
	local limit=$(( $1 * 10 )); shift
	for _ in $(seq "$limit"); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

snmp_up() { snmpget "${SNMPOPTS[@]}" -t 0.3 -r 0 "127.0.0.1:$PORT" 1.3.6.1.2.1.1.3.0; }

# The snmpd.conf start_snmpd writes for $PORT; a test may name a writer of
# its own in $SNMPD_CONF (debian.sh: Debian's own file).
plain_snmpd_conf() {
	cat > "$T/snmpd.conf" <<CONF
master agentx
agentXSocket $SOCK
agentXPerms ${AGENTX_PERMS:-0600 0700}
rocommunity public 127.0.0.1
rwcommunity private 127.0.0.1
${SNMPD_EXTRA:-}
CONF
}

# start_snmpd: a stock snmpd as AgentX master; retries on a taken port.
# $SNMPD_ARGS adds command-line words (e.g. -u USER).
start_snmpd() {
	local try
	for try in 1 2 3 4 5; do
		PORT=$(( 20000 + (RANDOM % 20000) ))
		"${SNMPD_CONF:-plain_snmpd_conf}"
		# shellcheck disable=SC2086 # SNMPD_ARGS: words, e.g. -u USER
		MIBS= SNMP_PERSISTENT_DIR="$T/persist" "$SNMPD" -f -C -c "$T/snmpd.conf" \
			${SNMPD_ARGS:-} -Lf "$T/snmpd.log" -p "$T/snmpd.pid" udp:127.0.0.1:$PORT &
		SNMPD_PID=$!
		if wait_for 10 snmp_up; then
			wait_for 5 test -S "$SOCK" && return 0
		fi
		kill "$SNMPD_PID" 2>/dev/null
		wait "$SNMPD_PID" 2>/dev/null
		SNMPD_PID=
	done
	fail "snmpd did not start"
}

restart_snmpd() {
	MIBS= SNMP_PERSISTENT_DIR="$T/persist" "$SNMPD" -f -C -c "$T/snmpd.conf" \
		-Lf "$T/snmpd.log" -p "$T/snmpd.pid" udp:127.0.0.1:$PORT &
	SNMPD_PID=$!
	wait_for 10 snmp_up || fail "snmpd did not restart"
}

# start_agent FIXTURE_DIR [extra config lines]: our daemon, foreground;
# $AGENT_ARGS adds command-line options.
start_agent() {
	local root=$1; shift
	{
		echo "agentXPingInterval 1"
		for line in "$@"; do echo "$line"; done
	} > "$T/agent.conf"
	chmod 0644 "$T/agent.conf" # the daemon refuses files others may write
	# shellcheck disable=SC2086
	"$DAEMON" -f -Lf "$T/agent.log" -x "$SOCK" -c "$T/agent.conf" \
		--proc-root "$root" ${AGENT_ARGS:-} &
	AGENT_PID=$!
}

# get OID: the snmpget line for OID.
get() { snmpget "${SNMPOPTS[@]}" "127.0.0.1:$PORT" "$@" 2>&1; }
walk() { snmpwalk "${SNMPOPTS[@]}" "127.0.0.1:$PORT" "$@" 2>&1; }
bulkwalk() { snmpbulkwalk "${SNMPOPTS[@]}" -Cr25 "127.0.0.1:$PORT" "$@" 2>&1; }

# set_ OID TYPE VALUE...: snmpset through the private community (no
# retry: a SET is not idempotent; a slow sanitizer build gets 5 s).
set_() { snmpset -v2c -c private -m '' -On -t 5 -r 0 "127.0.0.1:$PORT" "$@" 2>&1; }
# status OUTPUT: "ok", "timeout", or the SNMP error name of set_'s output.
status() {
	if grep -q '^Reason: ' <<<"$1"; then
		sed -n 's/^Reason: \([a-zA-Z]*\).*/\1/p' <<<"$1"
	elif grep -q '^Timeout' <<<"$1"; then
		echo timeout
	else
		echo ok
	fi
}
# idx TEXT: TEXT as a length-prefixed OCTET STRING index (".14.116.99...").
idx() { printf '%s' "$1" | od -An -tu1 -v | tr -s ' \n' '..' | sed "s/^\.*/.${#1}./; s/\.$//"; }
# The ipstackSysctlTable columns.
SYSCTL_ENTRY=.1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1
SYSCTL_VALUE=$SYSCTL_ENTRY.2
SYSCTL_WRITABLE=$SYSCTL_ENTRY.8

# expected FIXTURE: its golden list in snmpget's output format (with -Ot,
# net-snmp prints Timeticks as a bare number).
expected() {
	sed -E -e 's/^([0-9.]+) ([A-Za-z0-9]+) (-?[0-9]+)$/.\1 = \2: \3/' \
		-e 's/= Timeticks: /= /' "$1/expected.txt"
}

# served_by_us FIXTURE: true once the first golden object answers with the
# fixture's value and the last region registered (ipstackAgent) answers:
# the agent is registered.
served_by_us() {
	local line
	line=$(expected "$1" | grep '^\.1\.3\.6\.1\.2\.1\.4\.3\.0 ')
	[ "$(get .1.3.6.1.2.1.4.3.0)" = "$line" ] &&
		get .1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0 | grep -q Counter32
}

wait_agent() {
	wait_for 15 served_by_us "$1" || fail "agent did not register with the master"
}
