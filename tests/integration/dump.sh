#!/bin/bash
# --dump renders the counter store byte-identical to the files it read:
# net/snmp, net/netstat, net/sockstat, then net/snmp6 and net/sockstat6
# where they exist.
. "$TESTS_LIB/harness.sh"
agentx_only "its --dump"

for fx in linux-2.6.32 linux-2.6.32-icmpmsg-wrap linux-4.19 linux-6.18; do
	root="$TESTS_DATA/$fx"
	"$DAEMON" --dump --proc-root "$root" > "$T/dump" 2> "$T/err" ||
		fail "$fx: --dump exited $?: $(cat "$T/err")"
	cat "$root/net/snmp" "$root/net/netstat" "$root/net/sockstat" > "$T/want"
	for f in snmp6 sockstat6; do
		if [ -f "$root/net/$f" ]; then cat "$root/net/$f" >> "$T/want"; fi
	done
	cmp -s "$T/dump" "$T/want" || fail "$fx: dump differs: $(cmp "$T/dump" "$T/want")"
	[ -s "$T/err" ] && fail "$fx: unexpected stderr: $(cat "$T/err")"
	ok "$fx dump is byte-identical ($(wc -c < "$T/want") bytes)"
done

# The live /proc: counters move, so compare the dump with a cat taken right
# after it, in a fresh network namespace where nothing sends traffic.  The
# host-wide "sockets: used" may still move; a real mismatch repeats.
live_same() {
	unshare -n sh -c "'$DAEMON' --dump > '$T/dump' &&
		cat /proc/net/snmp /proc/net/netstat /proc/net/sockstat > '$T/want' &&
		for f in snmp6 sockstat6; do
			if [ -f /proc/net/\$f ]; then cat /proc/net/\$f >> '$T/want'; fi
		done" &&
	cmp -s "$T/dump" "$T/want"
}
same=no
for _ in 1 2 3 4 5; do
	live_same && { same=yes; break; }
done
[ $same = yes ] || fail "live /proc dump differs: $(cmp "$T/dump" "$T/want")"
ok "live /proc dump is byte-identical ($(wc -c < "$T/want") bytes)"

# Malformed sections: skipped with one line each on stderr, exit 3.
"$DAEMON" --dump --proc-root "$TESTS_DATA/malformed" > "$T/dump" 2> "$T/err"
rc=$?
[ $rc -eq 3 ] || fail "malformed: exit $rc, want 3"
[ "$(wc -l < "$T/err")" -eq 2 ] || fail "malformed: want 2 stderr lines, got: $(cat "$T/err")"
grep -q "net/snmp line 10: Udp: 8 names but 9 values; section skipped" "$T/err" ||
	fail "malformed: no Udp message: $(cat "$T/err")"
grep -q "net/netstat line 4: IpExt InMcastPkts: value is not a decimal number ('12x'); section skipped" "$T/err" ||
	fail "malformed: no IpExt message: $(cat "$T/err")"
grep -q '^Udp:' "$T/dump" && fail "malformed: skipped Udp section was rendered"
grep -q '^Tcp:' "$T/dump" || fail "malformed: Tcp section lost"
ok "malformed sections skipped and named"

# Unreadable proc root: one line, exit 1.
"$DAEMON" --dump --proc-root "$T/nonexistent" > /dev/null 2> "$T/err"
rc=$?
[ $rc -eq 1 ] || fail "missing root: exit $rc, want 1"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "missing root: want one line: $(cat "$T/err")"
grep -q "cannot read $T/nonexistent/net/snmp: No such file or directory" "$T/err" ||
	fail "missing root: message: $(cat "$T/err")"
ok "unreadable proc root refused"
