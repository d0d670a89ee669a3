#!/bin/bash
# Writable tunables through a real snmpd, in a private network namespace so
# that every write lands in that namespace's own /proc/sys/net/ipv4.  The
# SNMP verdict of each write is compared with the kernel's: the same text
# written straight into the file of a fresh scratch namespace.
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"

SYS=/proc/sys/net/ipv4
E=.1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1 # ipstackSysctlEntry
VALUE=$E.2
INTEGER=$E.3
WRITABLE=$E.8

# Tunables of the matrix: path, then valid, min, max, below, above, garbage
# ("-" where a case does not apply).  Verdicts are not written here: the
# kernel's own answer in a scratch namespace is the expectation.
MATRIX=(
	"tcp_syncookies|2|0|255|-1|256|1x"
	"ip_default_ttl|99|1|255|0|256|+5"
	"tcp_syn_retries|3|1|127|0|128|0x"
	"tcp_tw_reuse|1|0|2|-1|3|two"
	"icmp_echo_ignore_all|1|0|1|-1|2|yes"
	"icmp_ratelimit|250|0|2147483647|-1|2147483648|1s"
	"tcp_fin_timeout|30|-8589934|8589934|-8589935|8589935|30s"
	"tcp_keepalive_time|600|0|8589934|-8589935|8589935|1h"
	"ipfrag_time|15|0|8589934|-8589935|8589935|x"
	"tcp_adv_win_scale|2|-31|31|-32|32|--1"
	"tcp_rmem|4096 65536 1048576|1 1 1|2147483647 2147483647 2147483647|0 1 2|1 1 2147483648|4096 x"
	"ip_local_port_range|20000 40000|1024 1024|65535 65535|1023 2000|2000 65536|a b"
	"tcp_notsent_lowat|131072|0|4294967295|-1|4294967296|0x1g"
	"tcp_max_syn_backlog|256|-2147483648|2147483647|-2147483649|2147483648|1e3"
	"route/min_pmtu|1280|68|2147483647|67|2147483648|mtu"
	"conf/all/rp_filter|2|-2147483648|2147483647|-2147483649|2147483648|strict"
	"conf/lo/log_martians|1|-2147483648|2147483647|-2147483649|2147483648|on"
	"tcp_congestion_control|reno|-|-|-|-|nosuch"
	"ping_group_range|0 1000|0 0|4294967294 4294967294|-1 0|0 4294967295|0:1"
)

ALLOW=()
for row in "${MATRIX[@]}"; do ALLOW+=("writeAllow ${row%%|*}"); done
ALLOW+=("writeAllow ipfrag_high_thresh")
# A new default congestion control becomes allowed: both files change.
ALLOW+=("writeAllow tcp_allowed_congestion_control")
ALLOW+=("writeAllow conf/ipstk*/log_martians")

start_snmpd
start_agent /proc "${ALLOW[@]}"
wait_for 15 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $VALUE$(idx ip_forward) | grep -q STRING" ||
	fail "agent did not come up"

# kernel_verdict PATH TEXT (harness.sh), for a path below net/ipv4
kernel_verdict() { kernel_says "$SYS/$1" "$2"; }

agree=0 accepted=0 refused=0 unforeseen=0
declare -A disagreeing # tunables whose kernel refused what the model accepts
for row in "${MATRIX[@]}"; do
	IFS='|' read -r path valid min max below above garbage <<<"$row"
	I=$(idx "$path")
	for text in "$valid" "$min" "$max" "$below" "$above" "$garbage"; do
		[ "$text" = - ] && continue
		before=$(cat "$SYS/$path")
		mapfile -t kv < <(kernel_verdict "$path" "$text")
		out=$(set_ "$VALUE$I" s "$text")
		st=$(status "$out")
		after=$(tr '\t' ' ' < "$SYS/$path")
		if [ "${kv[0]}" = ok ]; then
			[ "$st" = ok ] || fail "$path <- '$text': kernel accepts, SNMP says $st"
			[ "$after" = "${kv[1]}" ] ||
				fail "$path <- '$text': file has '$after', the kernel stores '${kv[1]}'"
			accepted=$((accepted + 1))
		else
			# foreseen by the model (RESERVE1), or refused by the
			# kernel at the write and rolled back (commitFailed)
			case $st in
			wrongValue | wrongLength) ;;
			commitFailed) unforeseen=$((unforeseen + 1)) disagreeing[$path]=1 ;;
			*) fail "$path <- '$text': kernel refuses, SNMP says $st" ;;
			esac
			[ "$(cat "$SYS/$path")" = "$before" ] || fail "$path <- '$text': refused but written"
			refused=$((refused + 1))
		fi
		agree=$((agree + 1))
		printf '%s' "$before" > "$SYS/$path" # back to the default for the next case
	done
	# wrong type: an INTEGER for the DisplayString column
	before=$(cat "$SYS/$path")
	st=$(status "$(set_ "$VALUE$I" i 1)")
	[ "$st" = wrongType ] || fail "$path: INTEGER to ipstackSysctlValue gave $st"
	[ "$(cat "$SYS/$path")" = "$before" ] || fail "$path: wrong type but written"
	agree=$((agree + 1))
done
[ "$accepted" -gt 20 ] && [ "$refused" -gt 20 ] || fail "matrix too one-sided: $accepted/$refused"
ok "${#MATRIX[@]} tunables, $agree cases: SNMP verdict = kernel verdict ($accepted accepted, $refused refused, ${#MATRIX[@]} wrongType)"

# Where this kernel's limits differ from the model's, the kernel decided:
# each such write counted, and each such tunable logged once.
KERNEL_REFUSALS=.1.3.6.1.4.1.8072.9999.9999.1.1.4.7.0
[ "$(get $KERNEL_REFUSALS)" = "$KERNEL_REFUSALS = Counter32: $unforeseen" ] ||
	fail "ipstackAgentKernelRefusals: $(get $KERNEL_REFUSALS), $unforeseen writes were refused at write time"
for path in "${!disagreeing[@]}"; do
	[ "$(grep -c "SET $path: the running kernel refused" "$T/agent.log")" = 1 ] ||
		fail "$path: not logged once: $(grep "SET $path" "$T/agent.log")"
done
grep "the running kernel refused" "$T/agent.log" | sed 's/^/  /'
ok "$unforeseen writes the model accepted and this kernel refused: commitFailed, rolled back, counted, logged once per tunable (${!disagreeing[*]})"

# ipstackSysctlInteger: single integers only, Integer32 only.
I=$(idx tcp_syncookies)
[ "$(status "$(set_ "$INTEGER$I" i 2)")" = ok ] && [ "$(cat $SYS/tcp_syncookies)" = 2 ] ||
	fail "Integer column SET"
echo 1 > $SYS/tcp_syncookies
echo 4294967295 > $SYS/tcp_notsent_lowat
get "$INTEGER$(idx tcp_notsent_lowat)" | grep -q 'No Such Instance' ||
	fail "tcp_notsent_lowat 4294967295 has an Integer32 instance: $(get "$INTEGER$(idx tcp_notsent_lowat)")"
get "$INTEGER$(idx tcp_rmem)" | grep -q 'No Such Instance' || fail "tcp_rmem has an Integer instance"
ok "ipstackSysctlInteger: written, absent for vectors and values beyond Integer32"

# Deny by default: tcp_timestamps is not allowed.
before=$(cat $SYS/tcp_timestamps)
[ "$(status "$(set_ "$VALUE$(idx tcp_timestamps)" s 0)")" = notWritable ] || fail "deny by default"
[ "$(cat $SYS/tcp_timestamps)" = "$before" ] || fail "denied but written"
grep -q "SET tcp_timestamps refused: not allowed by the configuration (writeAllow) (value '0')" "$T/agent.log" ||
	fail "the refused write was not logged"
get "$WRITABLE$(idx tcp_timestamps)" | grep -q 'INTEGER: 2$' || fail "tcp_timestamps shown writable"
get "$WRITABLE$(idx tcp_syncookies)" | grep -q 'INTEGER: 1$' || fail "tcp_syncookies not shown writable"
ok "writes are denied unless allowed, and the refusal is logged"

# Rollback: the third write passes our model but the kernel refuses it
# (ipfrag_high_thresh below ipfrag_low_thresh); the first two are undone.
kernel_refuses $SYS/ipfrag_high_thresh 1 ||
	fail "this kernel takes ipfrag_high_thresh 1: the rollback case needs a write it refuses"
s0=$(cat $SYS/tcp_syncookies) t0=$(cat $SYS/tcp_tw_reuse) h0=$(cat $SYS/ipfrag_high_thresh)
out=$(set_ "$VALUE$(idx tcp_syncookies)" s 0 "$VALUE$(idx tcp_tw_reuse)" s 0 \
	"$VALUE$(idx ipfrag_high_thresh)" s 1)
[ "$(status "$out")" = commitFailed ] || fail "rollback case: $(status "$out")"
grep -q "Failed object: $VALUE$(idx ipfrag_high_thresh)\$" <<<"$out" ||
	fail "the error does not name the third varbind: $out"
[ "$(cat $SYS/tcp_syncookies)" = "$s0" ] && [ "$(cat $SYS/tcp_tw_reuse)" = "$t0" ] &&
	[ "$(cat $SYS/ipfrag_high_thresh)" = "$h0" ] || fail "not rolled back"
grep -q "SET rolled back: tcp_syncookies restored to '$s0'" "$T/agent.log" || fail "rollback not logged"
ok "a kernel refusal of the third varbind rolls back the first two"

# IP-MIB ipForwarding / ipDefaultTTL.
FWD=.1.3.6.1.2.1.4.1.0 TTL=.1.3.6.1.2.1.4.2.0
[ "$(status "$(set_ $FWD i 1)")" = ok ] && [ "$(cat $SYS/ip_forward)" = 1 ] || fail "ipForwarding 1"
[ "$(get $FWD)" = "$FWD = INTEGER: 1" ] || fail "ipForwarding not re-read: $(get $FWD)"
[ "$(status "$(set_ $FWD i 2)")" = ok ] && [ "$(cat $SYS/ip_forward)" = 0 ] || fail "ipForwarding 2"
[ "$(status "$(set_ $FWD i 3)")" = wrongValue ] || fail "ipForwarding 3"
# net-snmp's AgentX decoding keeps the low 32 bits of a 5-8 byte INTEGER
# before any subagent sees it (README): 4294967297 arrives as 1.
[ "$(status "$(set_ $FWD i 4294967297)")" = ok ] && [ "$(cat $SYS/ip_forward)" = 1 ] ||
	fail "ipForwarding 4294967297: ip_forward $(cat $SYS/ip_forward)"
[ "$(status "$(set_ $FWD i 2)")" = ok ] && [ "$(cat $SYS/ip_forward)" = 0 ] || fail "ipForwarding 2 again"
[ "$(status "$(set_ $TTL i 64)")" = ok ] && [ "$(cat $SYS/ip_default_ttl)" = 64 ] || fail "ipDefaultTTL 64"
[ "$(status "$(set_ $TTL i 0)")" = wrongValue ] || fail "ipDefaultTTL 0"
[ "$(status "$(set_ $TTL i 256)")" = wrongValue ] || fail "ipDefaultTTL 256"
[ "$(status "$(set_ $TTL s 64)")" = wrongType ] || fail "ipDefaultTTL wrong type"
out=$(set_ $TTL i 99 "$VALUE$(idx ipfrag_high_thresh)" s 1)
[ "$(status "$out")" = commitFailed ] && [ "$(cat $SYS/ip_default_ttl)" = 64 ] ||
	fail "ipDefaultTTL not undone: $(cat $SYS/ip_default_ttl)"
ok "ipForwarding and ipDefaultTTL: SET, wrongValue, wrongType, and UNDO"

# The index is looked up, never pasted into a file name.
for bad in "../../../etc/hostname" "/etc/hostname" "conf/../tcp_syncookies" "tcp_syncookies/"; do
	get "$VALUE$(idx "$bad")" | grep -q 'No Such Instance' || fail "GET '$bad' answered"
	st=$(status "$(set_ "$VALUE$(idx "$bad")" s 1)")
	[ "$st" = noCreation ] || [ "$st" = notWritable ] || fail "SET '$bad' gave $st"
done
get "$VALUE.15.116.99.112.95.115.121.110.99.111.111.107.105.101.115.0" | grep -q 'No Such Instance' ||
	fail "an index with a NUL byte answered"
long=$(printf 'a%.0s' $(seq 97))
get "$VALUE$(idx "$long")" | grep -q 'No Such Instance' || fail "97-byte index answered"
get "$VALUE$(idx tcp_fastopen_key)" | grep -q 'No Such Instance' || fail "secret entry served"
walk "$E" | grep -q "$(idx tcp_fastopen_key | cut -c2-) =" && fail "secret entry walked"
ok "bad, secret and oversized indexes name no row"

# Per-device entries follow interfaces, from link notifications (a veth
# pair made in this namespace).
RP=$VALUE$(idx conf/ipstkA/rp_filter)
get "$RP" | grep -q 'No Such Instance' || fail "conf/ipstkA exists before the link"
ip link add ipstkA type veth peer name ipstkB || fail "cannot create a veth pair"
wait_for 5 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $RP | grep -q STRING" ||
	fail "conf/ipstkA/rp_filter did not appear: $(get "$RP")"
ip link del ipstkA
wait_for 5 sh -c "snmpget -v2c -c public -m '' -On 127.0.0.1:$PORT $RP | grep -q 'No Such Instance'" ||
	fail "conf/ipstkA/rp_filter did not go: $(get "$RP")"
ok "conf/<dev> rows appear and disappear with the interface"

# SETs of a per-device entry while its interface is deleted and made again:
# whatever the answer, no error status comes without a log line saying why.
LM=$VALUE$(idx conf/ipstkA/log_martians)
(for _ in $(seq 40); do
	ip link add ipstkA type veth peer name ipstkB 2>/dev/null
	sleep 0.05
	ip link del ipstkA 2>/dev/null
	sleep 0.05
done) &
FLAPPER=$!
lines0=$(wc -l < "$T/agent.log")
errors=0 sets=0
while kill -0 $FLAPPER 2>/dev/null; do
	st=$(status "$(set_ "$LM" s $((sets % 2)))")
	sets=$((sets + 1))
	[ "$st" = ok ] || errors=$((errors + 1))
	[ "$st" = timeout ] && fail "a SET timed out while the interface flapped"
done
wait $FLAPPER
said=$(tail -n +$((lines0 + 1)) "$T/agent.log" | grep -cE '^(ipstack: )?SET .* (refused|failed)' || :)
[ "$sets" -ge 20 ] || fail "only $sets SETs while the interface flapped"
[ "$said" -ge "$errors" ] || fail "$errors SETs failed, $said log lines say why: $(tail -n 5 "$T/agent.log")"
tail -n +$((lines0 + 1)) "$T/agent.log" | grep -E '^(ipstack: )?SET .* (refused|failed)' |
	sed -E "s/'[^']*'/'...'/g" | sort | uniq -c | sed 's/^/  /'
ok "$sets SETs while the interface flapped: $errors refused, each with its log line"

