# What the benchmarks share (sourced, bash): a private network namespace,
# masters on fixed loopback ports, the floor agents, and timing walks.
# The caller sets NAME (its file name, for messages) and may set
# BENCH_UNSHARE (unshare's options, default -n) before sourcing.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ -z "${IPSTACK_BENCH_NS:-}" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "bench/$NAME: run as root: it works in a private network namespace (unshare -n)" >&2
		exit 2
	fi
	# shellcheck disable=SC2086 # options
	exec unshare ${BENCH_UNSHARE:--n} env IPSTACK_BENCH_NS=1 bash "$0" "$@"
fi

CAP=${BENCH_CAP:-120}
BUILD=${BUILD:-$top/_build/default}
DAEMON=$BUILD/src/ipstack-agentx
SNMPD=${SNMPD:-/usr/sbin/snmpd}
[ -x "$DAEMON" ] || {
	echo "bench/$NAME: no $DAEMON; build first (README) or set BUILD" >&2
	exit 2
}

T=$(mktemp -d /tmp/ipstack-bench.XXXXXX)
PIDS=()
cleanup() {
	[ ${#PIDS[@]} -gt 0 ] && kill "${PIDS[@]}" 2>/dev/null
	wait 2>/dev/null
	declare -F bench_cleanup >/dev/null && bench_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
# die works from inside $(...) too: it stops the main shell, not only the
# subshell that measured.
MAIN_PID=$BASHPID
trap 'exit 1' TERM
die() {
	echo "bench/$NAME: $*" >&2
	[ "$BASHPID" = "$MAIN_PID" ] || kill -TERM "$MAIN_PID"
	exit 1
}

ip link set lo up
gcc -O2 -o "$T/floor-agent" "$top/bench/floor_agent.c" $(pkg-config --cflags --libs netsnmp-agent)
gcc -O2 -o "$T/get-latency" "$top/bench/get_latency.c" $(pkg-config --cflags --libs netsnmp)

gcc -O2 -DFLOOR_MODULE -shared -fPIC -o "$T/floor_agent.so" "$top/bench/floor_agent.c" \
	$(pkg-config --cflags netsnmp-agent)

FLOOR_OID=.1.3.6.1.4.1.8072.9999.9999.2
INFLOOR=127.0.0.1:16106 # the in-process floor's snmpd
Q=(-v2c -c public -m '' -On -t 10 -r 0)

up() { snmpget "${Q[@]}" "$1" "$2" 2>/dev/null | grep -qv -e 'No Such' -e Timeout; }
wait_up() { # ADDRESS OID WHAT
	for _ in $(seq 300); do up "$1" "$2" && return 0; sleep 0.1; done
	die "$3 did not come up (logs in $T)"
}

# start_snmpd NAME ADDRESS [snmpd options]: a master with its own socket;
# $EXTRA_CONF is one more snmpd.conf line, $SNMPD_ENV more environment.
start_snmpd() {
	local name=$1 addr=$2
	shift 2
	printf 'master agentx\nagentXSocket %s\nagentXPerms 0600 0700\nrocommunity public 127.0.0.1\n%s\n' \
		"$T/$name.sock" "${EXTRA_CONF:-}" > "$T/$name.conf"
	# shellcheck disable=SC2086 # words
	env ${SNMPD_ENV:-} MIBS= SNMP_PERSISTENT_DIR="$T/$name.persist" "$SNMPD" -f -C -c "$T/$name.conf" \
		-Lf "$T/$name.log" "$@" "udp:$addr" &
	PIDS+=($!)
	eval "${name}_pid=$!"
	wait_up "$addr" .1.3.6.1.2.1.1.3.0 "snmpd ($name)"
}

# stop_snmpd NAME: TERM, then KILL after 5 s (a snmpd still computing a
# table it was asked for past a cap handles no signal until it is done).
stop_snmpd() {
	local pid i
	eval "pid=\$${1}_pid"
	kill "$pid" 2>/dev/null || return 0
	for i in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || :
	wait "$pid" 2>/dev/null || :
}

# start_ours NAME ADDRESS [configuration lines]: our daemon beside snmpd NAME.
start_ours() {
	local name=$1 addr=$2
	shift 2
	printf '%s\n' 'agentXPingInterval 5' "$@" > "$T/$name.agent.conf"
	"$DAEMON" -f -Lf "$T/$name.agent.log" -x "$T/$name.sock" -c "$T/$name.agent.conf" &
	PIDS+=($!)
	eval "${name}_agent_pid=$!"
	wait_up "$addr" .1.3.6.1.4.1.8072.9999.9999.1.1.4.1.0 "ipstack-agentx beside snmpd ($name)"
}

# floor_rows ROWS: the AgentX floor agent (on snmpd "floor") answers ROWS objects.
floor_rows() {
	if [ -n "${floor_agent_pid:-}" ]; then
		kill "$floor_agent_pid"
		wait "$floor_agent_pid" 2>/dev/null || :
	fi
	"$T/floor-agent" "$T/floor.sock" "$1" 2>> "$T/floor.agent.log" &
	PIDS+=($!)
	floor_agent_pid=$!
	wait_up "$FLOOR" "$FLOOR_OID.$1" "floor agent"
}

# in_process_floor ROWS [snmpd options]: snmpd "infloor" (again), its floor
# module (floor_agent.c built with -DFLOOR_MODULE) answering ROWS objects.
in_process_floor() {
	local rows=$1
	shift
	[ -n "${infloor_pid:-}" ] && stop_snmpd infloor
	SNMPD_ENV="FLOOR_ROWS=$rows" EXTRA_CONF="dlmod floor_agent $T/floor_agent.so" \
		start_snmpd infloor "$INFLOOR" "$@"
}

# count: varbinds in the last walk ("No Such Object" on an empty subtree is none).
count() { grep ' = ' "$T/walk.out" | grep -vc -e 'No Such Object' -e 'No more variables' || :; }

# once TOOL ADDRESS OID: "SECONDS VARBINDS" of one run, "cap VARBINDS"
# past $CAP, "timeout VARBINDS" when a request got no answer in 10 s.
once() {
	local tool=$1 addr=$2 oid=$3 t0 t1 rc=0
	t0=$(date +%s.%N)
	timeout "$CAP" "$tool" "${Q[@]}" "$addr" "$oid" > "$T/walk.out" 2> "$T/walk.err" || rc=$?
	t1=$(date +%s.%N)
	if [ "$rc" = 124 ]; then
		echo "cap $(count)"
		return
	fi
	if grep -q '^Timeout' "$T/walk.err"; then
		echo "timeout $(count)"
		return
	fi
	[ "$rc" = 0 ] && ! grep -q -e Timeout -e 'Error in packet' "$T/walk.out" "$T/walk.err" ||
		die "$tool $addr $oid failed: $(head -c 300 "$T/walk.err" "$T/walk.out")"
	echo "$(awk "BEGIN { print $t1 - $t0 }") $(count)"
}

# timed TOOL ADDRESS OID: as once; a run under a second is repeated five
# times, one under 0.1 s (mostly the tool's own start) 21 times, and the
# median reported, so scheduler noise does not decide.
timed() {
	local t n times runs
	read -r t n <<< "$(once "$@")"
	if numeric "$t" && awk "BEGIN { exit !($t < 1) }"; then
		runs=5
		awk "BEGIN { exit !($t < 0.1) }" && runs=21
		times=$t
		for _ in $(seq $((runs - 1))); do times="$times $(once "$@" | cut -d' ' -f1)"; done
		t=$(echo "$times" | tr ' ' '\n' | sort -g | sed -n "$(((runs + 1) / 2))p")
	fi
	echo "$t $n"
}

hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

numeric() { case $1 in '' | *[!0-9.]*) return 1 ;; esac; }
fmt_t() { # a time, ">CAP" past the cap, or what went wrong
	if [ "$1" = cap ]; then echo ">${CAP}"; elif numeric "$1"; then printf '%.3f' "$1"; else echo "$1"; fi
}
ratio() { # A B: A/B, or "-" when either is no time
	if numeric "$1" && numeric "$2"; then awk "BEGIN { printf \"%.2f\", $1 / $2 }"; else echo -; fi
}
