#!/bin/bash
# Prometheus out of the box: Debian's prometheus-snmp-exporter with our
# conf/prometheus/snmp.yml scrapes snmpd + ipstack-agentx (serving the
# linux-6.18 fixture): metrics by name, with text labels and the right TYPE
# (counters as counter, gauges and constants as gauge), values from the
# fixture.  conf/prometheus/snmp.yml must be what generator.yml generates.
IPSTACK_PRIVATE_MOUNTS=1 # the namespace file of the context part
. "$TESTS_LIB/netns.sh"
. "$TESTS_LIB/harness.sh"
EXPORTER=$(command -v prometheus-snmp-exporter) ||
	fail "prometheus-snmp-exporter missing: apt-get install prometheus-snmp-exporter"
TOP="$TESTS_LIB/../.."
FX="$TESTS_DATA/linux-6.18"

sh "$TOP/tools/prometheus.sh" --check > "$T/gen.log" 2>&1 || fail "$(cat "$T/gen.log")"
ok "conf/prometheus/snmp.yml is generator.yml's output"

# A namespace served as context "blue", which snmpd maps to the community
# blue-ro; the exporter gets a module for it made as doc/prometheus.md says.
NS=$T/netns
mkdir "$NS" && touch "$NS/blue" && unshare --net="$NS/blue" true || fail "cannot make namespace blue"
test_cleanup() { umount -ql "$NS"/* 2>/dev/null; }
SNMPD_EXTRA='com2sec -Cn blue sec_blue 127.0.0.1 blue-ro
group ctxs v2c sec_blue
view every included .1
access ctxs "" any noauth prefix every none none'
grep -v '^#' "$TOP/conf/prometheus/snmp.yml" > "$T/exporter.yml"
grep -v '^#' "$TOP/conf/prometheus/snmp.yml" |
	sed -e 's/^ipstack:/ipstack_blue:/' \
		-e 's/^  walk:/  auth:\n    community: blue-ro\n  walk:/' >> "$T/exporter.yml"
# and a control: the same with a community snmpd does not know gets nothing
grep -v '^#' "$TOP/conf/prometheus/snmp.yml" |
	sed -e 's/^ipstack:/ipstack_nobody:/' \
		-e 's/^  walk:/  auth:\n    community: nosuch\n  walk:/' >> "$T/exporter.yml"

start_snmpd
start_agent "$FX" "netnsDir $NS" "netnsContexts all"
wait_agent "$FX"
wait_for 10 sh -c "snmpget -v2c -c blue-ro -m '' -On 127.0.0.1:$PORT .1.3.6.1.2.1.6.17.0 | grep -q Counter64" ||
	fail "context blue is not served"
for _ in 1 2 3 4 5; do
	HTTP=$(( 20000 + (RANDOM % 20000) ))
	"$EXPORTER" --config.file="$T/exporter.yml" \
		--web.listen-address="127.0.0.1:$HTTP" > "$T/exporter.log" 2>&1 &
	EXPORTER_PID=$!
	wait_for 5 grep -q "Listening on" "$T/exporter.log" && break
	kill "$EXPORTER_PID" 2>/dev/null; wait "$EXPORTER_PID" 2>/dev/null
done
trap 'rc=$?; kill "$EXPORTER_PID" 2>/dev/null; (exit $rc); cleanup' EXIT
scrape() { # MODULE FILE
	python3 - "http://127.0.0.1:$HTTP/snmp?module=$1&target=127.0.0.1:$PORT" "$2" <<'PY' ||
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=20) as r:
    open(sys.argv[2], "wb").write(r.read())
PY
		fail "scrape of $1 failed: $(tail -n 5 "$T/exporter.log")"
}
scrape ipstack "$T/metrics"

has() { grep -qxF -- "$1" "$T/metrics" || fail "no line '$1' in the scrape: $(grep -F "${1%%\{*}" "$T/metrics" | head -5)"; }
# Kernel counters by name: text labels, counter type, the fixture's value.
has '# TYPE ipstackCounterCount counter'
has 'ipstackCounterCount{ipstackCounterFile="netstat",ipstackCounterName="ListenOverflows",ipstackCounterSection="TcpExt"} 0'
has 'ipstackCounterCount{ipstackCounterFile="snmp",ipstackCounterName="InSegs",ipstackCounterSection="Tcp"} 1564'
# Gauges, constants and signed values: gauge type.
has '# TYPE ipstackCounterLevel gauge'
has 'ipstackCounterLevel{ipstackCounterFile="snmp",ipstackCounterName="CurrEstab",ipstackCounterSection="Tcp"} 0'
has 'ipstackCounterLevel{ipstackCounterFile="snmp",ipstackCounterName="MaxConn",ipstackCounterSection="Tcp"} -1'
has 'ipstackCounterLevel{ipstackCounterFile="snmp",ipstackCounterName="RtoMin",ipstackCounterSection="Tcp"} 200'
has 'ipstackCounterLevel{ipstackCounterFile="netstat",ipstackCounterName="MPCurrEstab",ipstackCounterSection="MPTcpExt"} 0'
grep -q 'ipstackCounterCount{[^}]*ipstackCounterName="\(MP\)\?CurrEstab"' "$T/metrics" && fail "a gauge exported as a counter"
# Standard scalars by numeric OID, named.
has '# TYPE tcpInSegs counter'
has 'tcpInSegs 1564'
has '# TYPE udpInDatagrams counter'
has '# TYPE tcpRtoAlgorithm gauge'
has '# TYPE ipstackSockstatValue gauge'
# What RFC1213-MIB lacks (conf/prometheus/standard.yml), values from the
# fixture's files: 64-bit scalars, ipSystemStatsTable's ipv6 row (net/snmp6
# Ip6InReceives), icmpStatsTable and icmpMsgStatsTable (IcmpMsg InType3).
has '# TYPE tcpHCInSegs counter'
has 'tcpHCInSegs 1564'
kernel() { awk -v f="$2" '$1 == f { print $2 }' "$FX/net/$1"; }
has "ipSystemStatsHCInReceives{ipSystemStatsIPVersion=\"2\"} $(kernel snmp6 Ip6InReceives)"
has "icmpStatsInMsgs{icmpStatsIPVersion=\"2\"} $(kernel snmp6 Icmp6InMsgs)"
has 'icmpMsgStatsInPkts{icmpMsgStatsIPVersion="1",icmpMsgStatsType="3"} 1'
grep -q '^ipSystemStatsHCInReceives{ipSystemStatsIPVersion="1"} ' "$T/metrics" || fail "no ipv4 row of ipSystemStatsTable"
ok "scrape: $(grep -c '^[a-zA-Z]' "$T/metrics") samples; counters as counter, gauges and constants as gauge, text labels"

# The namespace's context, through its own module and community.
scrape ipstack_blue "$T/metrics-blue"
grep -qx 'tcpHCInSegs 1564' "$T/metrics-blue" ||
	fail "module ipstack_blue: $(grep -c '^[a-z]' "$T/metrics-blue") samples, no tcpHCInSegs 1564"
grep -q '^ipstackCounterCount{' "$T/metrics-blue" || fail "module ipstack_blue: no counters"
python3 - "http://127.0.0.1:$HTTP/snmp?module=ipstack_nobody&target=127.0.0.1:$PORT" "$T/metrics-nobody" <<'PY' 2>/dev/null
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=30) as r:
        open(sys.argv[2], "wb").write(r.read())
except Exception:
    open(sys.argv[2], "w").write("")
PY
grep -q '^tcpHCInSegs ' "$T/metrics-nobody" && fail "a module with an unknown community got answers: the community is not the module's"
ok "context blue through module ipstack_blue (community blue-ro): $(grep -c '^[a-zA-Z]' "$T/metrics-blue") samples; an unknown community: none"
