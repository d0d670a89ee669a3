#!/bin/bash
# Prometheus out of the box: Debian's prometheus-snmp-exporter with our
# conf/prometheus/snmp.yml scrapes snmpd + ipstack-agentx (serving the
# linux-6.18 fixture): metrics by name, with text labels and the right TYPE
# (counters as counter, gauges and constants as gauge), values from the
# fixture.  conf/prometheus/snmp.yml must be what generator.yml generates.
. "$TESTS_LIB/harness.sh"
EXPORTER=$(command -v prometheus-snmp-exporter) ||
	fail "prometheus-snmp-exporter missing: apt-get install prometheus-snmp-exporter"
TOP="$TESTS_LIB/../.."
FX="$TESTS_DATA/linux-6.18"

sh "$TOP/tools/prometheus.sh" --check > "$T/gen.log" 2>&1 || fail "$(cat "$T/gen.log")"
ok "conf/prometheus/snmp.yml is generator.yml's output"

start_snmpd
start_agent "$FX"
wait_agent "$FX"
for _ in 1 2 3 4 5; do
	HTTP=$(( 20000 + (RANDOM % 20000) ))
	"$EXPORTER" --config.file="$TOP/conf/prometheus/snmp.yml" \
		--web.listen-address="127.0.0.1:$HTTP" > "$T/exporter.log" 2>&1 &
	EXPORTER_PID=$!
	wait_for 5 grep -q "Listening on" "$T/exporter.log" && break
	kill "$EXPORTER_PID" 2>/dev/null; wait "$EXPORTER_PID" 2>/dev/null
done
trap 'rc=$?; kill "$EXPORTER_PID" 2>/dev/null; (exit $rc); cleanup' EXIT
python3 - "http://127.0.0.1:$HTTP/snmp?module=ipstack&target=127.0.0.1:$PORT" "$T/metrics" <<'PY' ||
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=20) as r:
    open(sys.argv[2], "wb").write(r.read())
PY
	fail "scrape failed: $(tail -n 5 "$T/exporter.log")"

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
ok "scrape: $(grep -c '^[a-zA-Z]' "$T/metrics") samples; counters as counter, gauges and constants as gauge, text labels"
