# Sourced after harness.sh: the shipped Nagios definitions
# (conf/nagios/ipstack-agentx.cfg) run with the real check_snmp.
CHECK_SNMP=/usr/lib/nagios/plugins/check_snmp
CFG="$TESTS_LIB/../../conf/nagios/ipstack-agentx.cfg"
[ -x "$CHECK_SNMP" ] || fail "$CHECK_SNMP missing: apt-get install monitoring-plugins-standard"
export MP_STATE_DIRECTORY="$T/state" NAGIOS_PLUGIN_STATE_DIRECTORY="$T/state"
mkdir -p "$T/state"

# command SERVICE: the service's check_command expanded from the cfg.
command_for() {
	awk -v want="$1" '
		/define (service|command)/ { type = $2; delete v }
		/^\t[a-z_]+\t/ { key = $1; $1 = ""; sub(/^[ \t]+/, ""); v[key] = $0 }
		/^}/ {
			if (type == "service" && v["service_description"] == want) svc = v["check_command"]
			if (type == "command") cmd[v["command_name"]] = v["command_line"]
		}
		END {
			n = split(svc, a, "!"); line = cmd[a[1]]
			for (i = 2; i <= n; i++) gsub("\\$ARG" (i - 1) "\\$", a[i], line)
			print line
		}' "$CFG"
}

# check SERVICE WANT: run it; WANT is the exit status (0 OK, 1 WARNING, 2 CRITICAL).
check() {
	local line out rc
	line=$(command_for "$1")
	[ -n "$line" ] || fail "no service '$1' in $CFG"
	line=${line//\$USER1\$//usr/lib/nagios/plugins}
	line=${line//\$HOSTADDRESS\$/127.0.0.1 -p $PORT}
	line=${line//\$_HOSTSNMPCOMMUNITY\$/public}
	out=$(eval "$line")
	rc=$?
	[ "$rc" -eq "$2" ] || fail "'$1': exit $rc, want $2: $out"
	echo "  $1 -> $rc: $out"
}
