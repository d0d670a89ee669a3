#!/bin/bash
# Command line and start-up errors: one clear line, the documented status.
. "$TESTS_LIB/harness.sh"
agentx_only "its command line"

# expect_fail STATUS PATTERN ARGS...: exits STATUS with one stderr line matching PATTERN.
expect_fail() {
	local want=$1 pattern=$2 rc; shift 2
	timeout 10 "$DAEMON" "$@" > "$T/out" 2> "$T/err"
	rc=$?
	[ $rc -eq "$want" ] || fail "$*: exit $rc, want $want ($(cat "$T/err"))"
	[ "$(wc -l < "$T/err")" -eq 1 ] || fail "$*: want one line, got: $(cat "$T/err")"
	grep -qE "$pattern" "$T/err" || fail "$*: message '$(cat "$T/err")' lacks '$pattern'"
	ok "$* -> $rc: $(cat "$T/err")"
}

"$DAEMON" --help > "$T/help" || fail "--help exited $?"
for word in -x -c -f -L -D -p --proc-root --dump --version cacheLifetime \
	registrationPriority procRoot writeAllow writeDeny agentXPingInterval agentXTimeout \
	agentXRetries agentXSocket allowDeleteTcb SNMPCONFPATH SIGHUP SIGTERM \
	"Exit status"; do
	grep -q -- "$word" "$T/help" || fail "--help does not mention $word"
done
ok "--help documents every option and token"

"$DAEMON" --version > "$T/out" || fail "--version exited $?"
grep -qE '^ipstack-agentx [0-9]+\.[0-9]+' "$T/out" || fail "--version printed $(cat "$T/out")"
ok "--version: $(cat "$T/out")"

expect_fail 1 "unknown option --bogus" --bogus
expect_fail 1 "unknown option -q" -q
expect_fail 1 "option -x needs an argument" -x
expect_fail 1 "option --proc-root needs an argument" --proc-root
expect_fail 1 "unexpected argument 'extra'" -f extra
expect_fail 1 "Unknown logging option passed to -L: X" -LX
expect_fail 1 "cannot read $T/none/net/snmp: No such file or directory" \
	-f -Le -x "$T/nomaster" --proc-root "$T/none"
mkdir -p "$T/dir/net/snmp"
expect_fail 1 "cannot read $T/dir/net/snmp: Is a directory" -f -Le --proc-root "$T/dir"

# Configuration errors stop the start with the file and line.
printf 'cacheLifetime soon\nregistrationPriority 127\n' > "$T/bad.conf"
timeout 10 "$DAEMON" -f -Le -x "$T/nomaster" -c "$T/bad.conf" \
	--proc-root "$TESTS_DATA/linux-6.18" > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 1 ] || fail "bad config: exit $rc, want 1"
grep -q "bad.conf line 1: cacheLifetime: expected seconds" "$T/err" ||
	fail "bad config: no line-1 error: $(cat "$T/err")"
grep -q "bad.conf line 2: registrationPriority: expected a number from 1 to 126" "$T/err" ||
	fail "bad config: no line-2 error: $(cat "$T/err")"
grep -q "; not starting" "$T/err" || fail "bad config: no final line"
ok "configuration errors are fatal at start, with file and line"

# A configuration file others may write is refused, with one line.
printf 'agentXPingInterval 1\n' > "$T/open.conf"
chmod 0666 "$T/open.conf"
expect_fail 1 "$T/open.conf: writable by any user \(mode 0666\): chmod go-w it; not starting" \
	-f -Le -x "$T/nomaster" -c "$T/open.conf" --proc-root "$TESTS_DATA/linux-6.18"
chmod 0664 "$T/open.conf"
expect_fail 1 "writable by its group \(mode 0664\)" \
	-f -Le -x "$T/nomaster" -c "$T/open.conf" --proc-root "$TESTS_DATA/linux-6.18"

# Every other kind of bad configuration stops the start too, with one line
# naming the file (and the line): -c and the search path alike.
FX=$TESTS_DATA/linux-6.18
bad_conf() { # PATTERN CONTENT: CONTENT as the -c file must be refused with PATTERN
	printf "$2" > "$T/c.conf"
	chmod 0644 "$T/c.conf"
	expect_fail 1 "$1" -f -Le -x "$T/nomaster" -c "$T/c.conf" --proc-root "$FX"
}
bad_conf "c.conf line 2: unknown token 'writeDney' \(see ipstack-agentx --help\); not starting" \
	'agentXPingInterval 1\nwriteDney ip_forward\n'
bad_conf "c.conf line 1: writeAllow: expected one pattern" 'writeAllow\n'
bad_conf "c.conf line 1: writeDeny: expected one pattern" 'writeDeny tcp_* conf/*\n'
bad_conf "c.conf line 1: allowDeleteTcb: expected yes or no" 'allowDeleteTcb maybe\n'
bad_conf "c.conf line 1: agentXTimeout: expected seconds from 1 to 255" 'agentXTimeout 0\n'
bad_conf "c.conf line 1: unknown token 'ok\?'" 'ok\033\n'
bad_conf "c.conf: contains a NUL byte" 'cacheLifetime 1\n\000\n'
expect_fail 1 "$T/missing.conf: cannot open: No such file or directory; not starting" \
	-f -Le -x "$T/nomaster" -c "$T/missing.conf" --proc-root "$FX"
mkdir "$T/conf.d"
expect_fail 1 "$T/conf.d: cannot read: Is a directory; not starting" \
	-f -Le -x "$T/nomaster" -c "$T/conf.d" --proc-root "$FX"
mkfifo -m 0644 "$T/fifo.conf"
expect_fail 1 "$T/fifo.conf: cannot read: not a regular file; not starting" \
	-f -Le -x "$T/nomaster" -c "$T/fifo.conf" --proc-root "$FX"
# On the search path (no -c), a missing file is no error, a bad one is.
mkdir "$T/path" && mkfifo -m 0644 "$T/path/ipstack-agentx.conf"
SNMPCONFPATH=$T/path expect_fail 1 "$T/path/ipstack-agentx.conf: cannot read: not a regular file" \
	-f -Le -x "$T/nomaster" --proc-root "$FX"
rm "$T/path/ipstack-agentx.conf"
printf 'writeAllow tcp_*\nagentxpinginterval 1\n' > "$T/path/ipstack-agentx.local.conf"
chmod 0666 "$T/path/ipstack-agentx.local.conf"
SNMPCONFPATH=$T/path expect_fail 1 "ipstack-agentx.local.conf: writable by any user" \
	-f -Le -x "$T/nomaster" --proc-root "$FX"
ok "unknown tokens, blank values, NUL bytes, missing files, directories and FIFOs stop the start"
