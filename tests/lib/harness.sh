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
# The way our objects are served (`make check IPSTACK_MODE=dlmod`):
#   agentx  our daemon, connected to snmpd over AgentX (the default);
#   dlmod   the same objects loaded into snmpd itself (ipstack.so): start_agent
#           restarts snmpd with a dlmod line, AGENT_PID is snmpd's pid and
#           $T/agent.log is snmpd's log, so the tests read the same either way.
IPSTACK_MODE=${IPSTACK_MODE:-agentx}
case $IPSTACK_MODE in agentx | dlmod) ;; *)
	echo "IPSTACK_MODE must be agentx or dlmod, not '$IPSTACK_MODE'" >&2
	exit 99
	;;
esac
MODULE=$(dirname "$DAEMON")/ipstack.so
DLMOD_LINE= # the dlmod line in plain_snmpd_conf, once start_module sets it
# The line that says a SIGHUP is being handled: the daemon's, or snmpd's.
RELOAD_LINE='SIGHUP: re-reading'
[ "$IPSTACK_MODE" = dlmod ] && RELOAD_LINE='Reconfiguring daemon'
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
	reports+=$(ours_of_snmpd_reports "$T"/san/snmpd-sanitizer.*)
	rm -rf "$T"
	if [ -n "$reports" ]; then
		echo "FAIL: sanitizer reports:" >&2
		echo "$reports" >&2
		exit 1
	fi
	exit "$rc"
}
trap cleanup EXIT

# ours_of_snmpd_reports FILE...: what snmpd's sanitizer reports (the module
# instrumented, snmpd and net-snmp not) hold against us: every error, and
# the leaks with a frame in our code.  At exit the module is unloaded
# (dlclose), so LSan prints its frames as "<unknown module>": no other
# module of snmpd is ever unloaded.  snmpd's own leaks of its modules'
# start-up are not ours to fix, and not our finding.
ours_of_snmpd_reports() {
	[ -f "$1" ] || return 0
	awk -v RS= '
		/leak of/ { if ($0 ~ /<unknown module>|ipstack\.so\+|src\/[a-z_\/]+\.[ch]:/) print; next }
		/ERROR: LeakSanitizer/ || /^SUMMARY: AddressSanitizer: [0-9]+ byte.* leaked/ { next }
		/ERROR: |runtime error/ { print }' "$@"
}

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
$DLMOD_LINE
CONF
}

# run_snmpd [ARGS...]: snmpd on $PORT with $T/snmpd.conf, in the
# background.  With our module loaded it finds our configuration where the
# daemon would ($SNMPCONFPATH, $T/conf in dlmod mode) and, in a sanitizer
# build, gets the module's ASan runtime preloaded (snmpd itself is not
# instrumented); its reports go to $T/san, which it can write after
# dropping root.
run_snmpd() {
	local env=(MIBS= SNMP_PERSISTENT_DIR="$T/persist") asan
	[ "$IPSTACK_MODE" = dlmod ] && env+=(SNMPCONFPATH="$T/conf")
	if [ "${SANITIZED:-no}" = yes ] && grep -q '^dlmod ' "$T/snmpd.conf"; then
		asan=$(ldd "$MODULE" | awk '/libasan/ { print $3 }')
		mkdir -p "$T/san" && chmod 1777 "$T/san"
		# exitcode=0: snmpd's own leaks would make its exit status 1;
		# what is ours in the reports fails the test in cleanup.
		env+=(LD_PRELOAD="$asan" ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$T/san/snmpd-sanitizer:exitcode=0"
			UBSAN_OPTIONS="$UBSAN_OPTIONS:log_path=$T/san/snmpd-sanitizer")
	fi
	# -A: a restarted snmpd appends to the log (in dlmod mode, ours too)
	# shellcheck disable=SC2086 # SNMPD_ARGS: words, e.g. -u USER
	env "${env[@]}" "$SNMPD" -f -C -c "$T/snmpd.conf" ${SNMPD_ARGS:-} "$@" \
		-A -Lf "$T/snmpd.log" -p "$T/snmpd.pid" udp:127.0.0.1:$PORT &
	SNMPD_PID=$!
	[ "$IPSTACK_MODE" = dlmod ] && [ -n "$DLMOD_LINE" ] && AGENT_PID=$SNMPD_PID
	return 0
}

stop_snmpd() {
	[ -n "$SNMPD_PID" ] || return 0
	kill "$SNMPD_PID" 2>/dev/null
	wait "$SNMPD_PID" 2>/dev/null
	SNMPD_PID=
}

# start_snmpd: a stock snmpd as AgentX master; retries on a taken port.
# $SNMPD_ARGS adds command-line words (e.g. -u USER).
start_snmpd() {
	local try
	for try in 1 2 3 4 5; do
		PORT=$(( 20000 + (RANDOM % 20000) ))
		"${SNMPD_CONF:-plain_snmpd_conf}"
		run_snmpd
		if wait_for 10 snmp_up; then
			wait_for 5 test -S "$SOCK" && return 0
		fi
		stop_snmpd
	done
	fail "snmpd did not start"
}

restart_snmpd() {
	run_snmpd
	wait_for 10 snmp_up || fail "snmpd did not restart"
}

# start_agent FIXTURE_DIR [extra config lines]: our daemon, foreground;
# $AGENT_ARGS adds command-line options.  In dlmod mode: snmpd again, on
# the same port, with the module and FIXTURE_DIR as procRoot in the file;
# of AGENT_ARGS only net-snmp's -D (debug tokens) has a meaning there.
start_agent() {
	AGENT_ROOT=$1; shift
	agent_conf "$@"
	if [ "$IPSTACK_MODE" = agentx ]; then
		# shellcheck disable=SC2086
		"$DAEMON" -f -Lf "$T/agent.log" -x "$SOCK" -c "$T/agent.conf" \
			--proc-root "$AGENT_ROOT" ${AGENT_ARGS:-} &
		AGENT_PID=$!
		return 0
	fi
	local arg
	for arg in ${AGENT_ARGS:-}; do
		case $arg in -D*) ;; *) fail "AGENT_ARGS '$arg': the module has no such option" ;; esac
	done
	mkdir -p "$T/conf" && ln -sf ../agent.conf "$T/conf/ipstack-agentx.conf"
	# shellcheck disable=SC2086
	start_module ${AGENT_ARGS:-}
}

# start_module [SNMPD ARGS...]: snmpd again on the same port, now loading
# our module, which reads $T/conf/ipstack-agentx.conf (dlmod mode only);
# its log is $T/agent.log too.
start_module() {
	ln -sf snmpd.log "$T/agent.log"
	DLMOD_LINE="dlmod ipstack $MODULE"
	rewrite_snmpd "$@"
}

# rewrite_snmpd [SNMPD ARGS...]: snmpd again on the same port, with its
# configuration written anew (the dlmod line or none, as DLMOD_LINE says).
rewrite_snmpd() {
	stop_snmpd
	"${SNMPD_CONF:-plain_snmpd_conf}"
	run_snmpd "$@"
	wait_for 10 snmp_up || fail "snmpd did not restart${DLMOD_LINE:+ with the module}"
}

# stop_agent: our objects are no longer served: the daemon stopped, or in
# dlmod mode snmpd again without the module (on the same port).
stop_agent() {
	if [ "$IPSTACK_MODE" = agentx ]; then
		kill "$AGENT_PID"
		wait "$AGENT_PID"
	else
		DLMOD_LINE=
		rewrite_snmpd
	fi
	AGENT_PID=
}

# agent_conf [LINES...]: our configuration file, as start_agent writes it
# (the proc root in it in dlmod mode, where there is no command line).
agent_conf() {
	{
		echo "agentXPingInterval 1"
		[ "$IPSTACK_MODE" = dlmod ] && echo "procRoot $AGENT_ROOT"
		for line in "$@"; do echo "$line"; done
	} > "$T/agent.conf"
	chmod 0644 "$T/agent.conf" # the daemon refuses files others may write
}

# agentx_only REASON: skip this test in dlmod mode, saying why.
agentx_only() {
	[ "$IPSTACK_MODE" = dlmod ] || return 0
	echo "SKIP: AgentX daemon only: $*"
	exit 77
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

# kernel_says FILE TEXT: the running kernel's verdict on writing TEXT to
# FILE (below /proc/sys) in a fresh network namespace: "ok" or "refused",
# then what the file reads afterwards (tabs as spaces).  The expectation of
# every SET verdict in the suite: kernels differ by version, patch and
# configuration, so none is written down from one kernel.
kernel_says() {
	unshare -n sh -c 'if printf "%s" "$2" > "$1" 2>/dev/null; then echo ok; else echo refused; fi; tr "\t" " " < "$1"' \
		sh "$1" "$2"
}
# kernel_refuses FILE TEXT: true when the running kernel refuses the write.
kernel_refuses() { [ "$(kernel_says "$1" "$2" | head -n 1)" = refused ]; }

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

# wait_registered: until the agent's last region (ipstackAgent) answers in
# the default context: every object of ours is registered there, and no
# snmpd module answers in our regions any more.
registered() { get .1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0 | grep -q Counter32; }
wait_registered() {
	wait_for 15 registered || fail "agent did not register with the master"
}
