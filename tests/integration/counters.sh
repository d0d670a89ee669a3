#!/bin/bash
# LINUX-IPSTACK-MIB's counter and sockstat tables through snmpd, compared
# generically with the fixture's files (net/snmp, net/netstat, net/snmp6):
# every field has its row with its value, and there is no other row.  A fixture with fields no kernel has yet
# gets rows for them.
. "$TESTS_LIB/harness.sh"

P=.1.3.6.1.4.1.8072.9999.9999.1.1
COUNTER=$P.1.1.1 SOCKSTAT=$P.2.1.1

# decode COLUMN-PREFIX: walk lines "OID = TYPE: VALUE" into "idx1 idx2 ... value".
decode() {
	awk -v pfx="$1." '
		index($1, pfx) == 1 {
			n = split(substr($1, length(pfx) + 1), o, ".")
			out = ""; i = 1
			while (i <= n) {
				len = o[i++]; s = ""
				for (k = 0; k < len; k++) s = s sprintf("%c", o[i++])
				out = out s " "
			}
			v = $0; sub(/^[^=]*= [A-Za-z0-9]+: /, "", v); gsub(/"/, "", v)
			print out v
		}'
}

# kernel FILE NAME: "file section field value" for every field of a header/value file.
kernel() {
	awk -v file="$2" '
		NR % 2 == 1 { sec = $1; sub(/:$/, "", sec); for (i = 2; i <= NF; i++) name[i] = $i; next }
		{ for (i = 2; i <= NF; i++) if (!seen[sec " " name[i]]++) print file, sec, name[i], $i }' "$1"
}

start_snmpd
for fx in linux-4.19 linux-6.18 extra-field; do
	root="$TESTS_DATA/$fx"
	start_agent "$root"
	wait_agent "$root"
	{
		kernel "$root/net/snmp" snmp
		kernel "$root/net/netstat" netstat
		# net/snmp6: "Icmp6InEchos 5" is section Icmp6, name InEchos
		[ -f "$root/net/snmp6" ] && awk '{ i = index($1, "6");
			print "snmp6", substr($1, 1, i), substr($1, i + 1), $2 }' "$root/net/snmp6"
	} | sort > "$T/want"

	bulkwalk "$COUNTER.6" | decode "$COUNTER.6" | sort > "$T/text"
	diff -u "$T/want" "$T/text" > "$T/diff" || fail "$fx: ipstackCounterText differs: $(head "$T/diff")"
	grep -v ' -[0-9]*$' "$T/want" > "$T/want64"
	bulkwalk "$COUNTER.4" | decode "$COUNTER.4" | sort > "$T/values"
	diff -u "$T/want64" "$T/values" > "$T/diff" || fail "$fx: ipstackCounterValue differs: $(head "$T/diff")"
	ok "$fx: $(wc -l < "$T/text") counter rows = the fields of net/snmp, netstat and snmp6"

	# shellcheck disable=SC2046 # the optional file, when it exists
	awk '{ sec = $1; sub(/:$/, "", sec); for (i = 2; i < NF; i += 2) print sec, $i, $(i + 1) }' \
		"$root/net/sockstat" $(ls "$root/net/sockstat6" 2>/dev/null) | sort > "$T/want"
	bulkwalk "$SOCKSTAT.3" | decode "$SOCKSTAT.3" | sort > "$T/got"
	diff -u "$T/want" "$T/got" > "$T/diff" || fail "$fx: ipstackSockstatValue differs: $(head "$T/diff")"
	ok "$fx: $(wc -l < "$T/got") sockstat rows = the fields of net/sockstat and sockstat6"
	stop_agent
done

grep -q '^netstat TcpExt TCPFutureCounter 424242$' "$T/values" || fail "no row for the new field"
grep -q '^TCP future 7$' "$T/got" || fail "no row for the new sockstat field"
ok "fields no kernel has yet get rows"

# Kinds, and the signed MaxConn: no Counter64 instance, text "-1".
start_agent "$TESTS_DATA/linux-6.18"
wait_agent "$TESTS_DATA/linux-6.18"
MAXCONN=.4.115.110.109.112.3.84.99.112.7.77.97.120.67.111.110.110
[ "$(get "$COUNTER.5$MAXCONN")" = "$COUNTER.5$MAXCONN = INTEGER: 4" ] || fail "MaxConn kind: $(get "$COUNTER.5$MAXCONN")"
get "$COUNTER.4$MAXCONN" | grep -q 'No Such Instance' || fail "MaxConn has a Counter64: $(get "$COUNTER.4$MAXCONN")"
[ "$(get "$COUNTER.6$MAXCONN")" = "$COUNTER.6$MAXCONN = STRING: \"-1\"" ] || fail "MaxConn text"
CURRESTAB=.4.115.110.109.112.3.84.99.112.9.67.117.114.114.69.115.116.97.98
[ "$(get "$COUNTER.5$CURRESTAB")" = "$COUNTER.5$CURRESTAB = INTEGER: 2" ] || fail "CurrEstab kind"
ok "kinds: MaxConn signed(4) with text -1 and no Counter64, CurrEstab gauge(2)"

# Typed by kind: Count (Counter64) for counters only, Level (Integer32)
# for the rest, so that a Prometheus generator types them right.
INSEGS=.4.115.110.109.112.3.84.99.112.6.73.110.83.101.103.115
[ "$(get "$COUNTER.8$MAXCONN")" = "$COUNTER.8$MAXCONN = INTEGER: -1" ] || fail "MaxConn level: $(get "$COUNTER.8$MAXCONN")"
get "$COUNTER.7$MAXCONN" | grep -q 'No Such Instance' || fail "MaxConn has a Count"
get "$COUNTER.8$CURRESTAB" | grep -q ' = INTEGER: [0-9]' || fail "CurrEstab level: $(get "$COUNTER.8$CURRESTAB")"
get "$COUNTER.7$INSEGS" | grep -q ' = Counter64: [0-9]' || fail "InSegs count: $(get "$COUNTER.7$INSEGS")"
get "$COUNTER.8$INSEGS" | grep -q 'No Such Instance' || fail "InSegs has a Level"
# Every row has exactly one of the two.
rows=$(bulkwalk "$COUNTER.5" | grep -c ' = ')
typed=$( (bulkwalk "$COUNTER.7"; bulkwalk "$COUNTER.8") | grep -c ' = ')
[ "$rows" -eq "$typed" ] || fail "$rows rows, $typed typed values"
ok "typed: $typed rows, each as Count (counter) or Level (gauge, constant, signed)"

# The agent's own objects answer.
walk "$P.4" | grep -c ' = ' | grep -qx 8 || fail "ipstackAgent: $(walk "$P.4")"
ok "ipstackAgent: 8 objects"
