#!/bin/bash
# The tunables of /proc/sys/net/ipv6 through a real snmpd, in a private
# network namespace: every writable entry of the running kernel is a row,
# and each SET's verdict equals the kernel's own on the same bytes written
# in a fresh namespace (tests/lib/sysctl_matrix.py).  Then what the matrix
# cannot show: writes that change other entries (conf/all/...) under the
# write policy and the undo journal, IPv4 and IPv6 in one SET, the secret
# stable_secret, and addr_gen_mode's need for one.
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

SYS6=/proc/sys/net/ipv6
E=$SYSCTL_ENTRY
VALUE=$E.2 HANDLER=$E.4 MIN=$E.5 MAX=$E.6 WRITABLE=$E.8

ip link add ipstkA type veth peer name ipstkB || fail "cannot create a veth pair"
start_snmpd
start_agent /proc "writeAllow ipv6/*" "writeAllow ipv6/*/*" "writeAllow ipv6/*/*/*" \
	"writeDeny ipv6/conf/ipstkB/disable_ipv6" "writeAllow ipfrag_high_thresh"
wait_registered
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $VALUE$(idx ipv6/conf/ipstkA/accept_ra) | grep -q STRING" ||
	fail "ipv6/conf/ipstkA/accept_ra did not appear: $(get "$VALUE$(idx ipv6/conf/ipstkA/accept_ra)")"

# Every writable entry the kernel lists (not secret, not write-only) is a
# row the model knows (handler not unknown(1)) and, allowed here, writable:
# all but the denied disable_ipv6 of ipstkB and of conf/all, which would
# change it too.
walk "$WRITABLE" > "$T/writable.txt"
walk "$HANDLER" > "$T/handler.txt"
python3 "$TESTS_LIB/sysctl_matrix.py" rows "$T/writable.txt" "$T/handler.txt" \
	ipv6/conf/all/disable_ipv6 ipv6/conf/ipstkB/disable_ipv6 > "$T/rows.out" ||
	{ cat "$T/rows.out"; fail "writable entries of net/ipv6 missing from the table"; }
ok "$(tail -n 1 "$T/rows.out"): rows of the model, writable when allowed"

# The matrix.  Sanitizer and module passes try every sixth tunable.
walk "$MIN" > "$T/min.txt"
walk "$MAX" > "$T/max.txt"
sample=1
if [ "${SANITIZED:-no}" = yes ] || [ "$IPSTACK_MODE" = dlmod ]; then sample=6; fi
python3 "$TESTS_LIB/sysctl_matrix.py" run "$T" "$PORT" "$sample" > "$T/matrix.out" ||
	{ cat "$T/matrix.out"; fail "SNMP verdicts differ from the kernel's"; }
ok "matrix: $(tail -n 1 "$T/matrix.out")"
tail -n 2 "$T/matrix.out" | head -n 1

# The stable secret: no row, never read into a log.
echo 2001:db8::5 > $SYS6/conf/ipstkA/stable_secret
get "$VALUE$(idx ipv6/conf/ipstkA/stable_secret)" | grep -q 'No Such Instance' || fail "stable_secret served"
st=$(status "$(set_ "$VALUE$(idx ipv6/conf/ipstkA/stable_secret)" s 2001:db8::6)")
[ "$st" = noCreation ] || [ "$st" = notWritable ] || fail "SET of stable_secret gave $st"
# addr_gen_mode stable-privacy (2) on a device needs a secret: now there is one.
kernel=$(unshare -n sh -c 'ip link add ipstkA type veth peer name ipstkB &&
	echo 2001:db8::5 > /proc/sys/net/ipv6/conf/ipstkA/stable_secret &&
	printf 2 > /proc/sys/net/ipv6/conf/ipstkA/addr_gen_mode && echo ok')
[ "$kernel" = ok ] || fail "this kernel refuses addr_gen_mode 2 with a stable secret"
[ "$(status "$(set_ "$VALUE$(idx ipv6/conf/ipstkA/addr_gen_mode)" s 2)")" = ok ] &&
	[ "$(cat $SYS6/conf/ipstkA/addr_gen_mode)" = 2 ] || fail "addr_gen_mode 2 with a secret"
grep -q '2001:db8::5' "$T/agent.log" && fail "the stable secret is in the log"
ok "stable_secret has no row and stays out of the log; addr_gen_mode 2 passes once a secret is set"

# conf/all/disable_ipv6 changes every device's: denied while one of them is.
before=$(cat $SYS6/conf/all/disable_ipv6)
[ "$(status "$(set_ "$VALUE$(idx ipv6/conf/all/disable_ipv6)" s 1)")" = notWritable ] ||
	fail "conf/all/disable_ipv6 written past writeDeny on conf/ipstkB/disable_ipv6"
[ "$(cat $SYS6/conf/all/disable_ipv6)$(cat $SYS6/conf/ipstkB/disable_ipv6)" = "${before}0" ] ||
	fail "denied but written"
get "$WRITABLE$(idx ipv6/conf/all/disable_ipv6)" | grep -q 'INTEGER: 2$' ||
	fail "conf/all/disable_ipv6 shown writable"
ok "a write that changes a denied entry is refused (conf/all/disable_ipv6)"

# One SET of IPv4 and IPv6 tunables: the IPv6 writes, conf/all/forwarding's
# changes to every device included, are undone when the kernel refuses the
# last varbind (ipfrag_high_thresh below ipfrag_low_thresh).
kernel_refuses /proc/sys/net/ipv4/ipfrag_high_thresh 1 ||
	fail "this kernel takes ipfrag_high_thresh 1: the rollback case needs a write it refuses"
snap() { cat $SYS6/conf/*/forwarding $SYS6/conf/ipstkA/hop_limit /proc/sys/net/ipv4/ip_default_ttl | tr '\n' ' '; }
s0=$(snap)
out=$(set_ "$VALUE$(idx ipv6/conf/all/forwarding)" s 1 "$VALUE$(idx ipv6/conf/ipstkA/hop_limit)" s 17 \
	.1.3.6.1.2.1.4.2.0 i 99 "$VALUE$(idx ipfrag_high_thresh)" s 1)
[ "$(status "$out")" = commitFailed ] || fail "mixed SET: $(status "$out")"
[ "$(snap)" = "$s0" ] || fail "mixed SET not rolled back: '$(snap)', was '$s0'"
grep -q "SET rolled back: ipv6/conf/all/forwarding restored to '0'" "$T/agent.log" ||
	fail "conf/all/forwarding was not restored: $(grep 'rolled back' "$T/agent.log" | tail -n 5)"
# and the same without the failing varbind is taken whole
[ "$(status "$(set_ "$VALUE$(idx ipv6/conf/all/forwarding)" s 1 "$VALUE$(idx ipv6/conf/ipstkA/hop_limit)" s 17 \
	.1.3.6.1.2.1.4.2.0 i 99)")" = ok ] || fail "mixed SET refused"
[ "$(cat $SYS6/conf/ipstkA/forwarding $SYS6/conf/ipstkA/hop_limit /proc/sys/net/ipv4/ip_default_ttl | tr '\n' ' ')" = "1 17 99 " ] ||
	fail "mixed SET: $(cat $SYS6/conf/ipstkA/forwarding $SYS6/conf/ipstkA/hop_limit /proc/sys/net/ipv4/ip_default_ttl)"
ok "a SET of IPv4 and IPv6 tunables is all or nothing, conf/all/forwarding's other files included"
