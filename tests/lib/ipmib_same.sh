# Sourced by the IP-MIB table tests after harness.sh: `same`, a walk of a
# table against tests/lib/ipmib_expect.py's rows.  The caller sets NS (the
# directory of its namespaces: community "peer" walks the one named peer).
EXPECT=$TESTS_LIB/ipmib_expect.py
# -Ox: every OCTET STRING in hex, as the oracle writes them
xwalk() { snmpwalk -v2c -c "${1:-public}" -m '' -On -Ox -Ot -t 2 -r 1 "127.0.0.1:$PORT" "$2" 2>&1; }
xbulkwalk() { snmpbulkwalk -v2c -c "${1:-public}" -m '' -On -Ox -Ot -Cr25 -t 2 -r 1 "127.0.0.1:$PORT" "$2" 2>&1; }

# same COMMUNITY ROOT TABLES...: walks of ROOT (GETNEXT, then GETBULK) show
# the oracle's rows and values.  The oracle is asked before and after each
# walk (in the community's namespace); if the kernel changed in between (a
# neighbour's timer ran), the walk is made again.  The agent answers from
# rows up to cacheLifetime (the tests' 2 s) old: a walk that differs is
# made again past that, three times at most, before it fails.
same() {
	local community=$1 root=$2 try walker attempt run=(env)
	shift 2
	[ "$community" = peer ] && run=(nsenter --net="$NS/peer")
	for walker in xwalk xbulkwalk; do
		for attempt in 1 2 3; do
			for try in 1 2 3 4 5 6; do
				"${run[@]}" python3 "$EXPECT" "$@" > "$T/before" || fail "oracle $*"
				"$walker" "$community" "$root" > "$T/walked"
				"${run[@]}" python3 "$EXPECT" "$@" > "$T/after" || fail "oracle $*"
				cmp -s "$T/before" "$T/after" && break
			done
			cmp -s "$T/before" "$T/after" || fail "$*: the kernel's rows never held still for a walk"
			[ -s "$T/before" ] || fail "the oracle knows no rows of $*"
			python3 "$EXPECT" --compare "$T/before" "$T/walked" > "$T/diff" && break
			sleep 2.2
		done
		if [ -s "$T/diff" ]; then
			fail "$walker $root in context '$community' ($*):
$(cat "$T/diff")"
		fi
	done
	ok "$* in context '$community': $(grep -c . "$T/before") values, exact by GETNEXT and GETBULK"
}
