#!/bin/bash
# The folders of src/ are layers: a file may include our headers from its
# own folder or from a folder below it, never from one above.  Lowest first:
#   util    small helpers (files, numbers, arrays, the cache rule)
#   netns   network namespace files, entering one and coming back
#   table   the table engine: snapshots built in threads, index search
#   store   the counter store: proc parser, renderer, snapshots
#   sysctl  the sysctl model: table, tree, validation, policy, undo journal
#   config  the configuration file and the settings
#   conn    the connection tables (inet_diag), a source of the engine
#   rtnl    the interface, address and neighbour tables (rtnetlink), sources
#     -- the core: these include no net-snmp header --
#   mib     the MIB view and the objects' tables (net-snmp types from here up)
#   agent   net-snmp's agent: the handlers the daemon and the module share
#   daemon  what only the AgentX daemon has: main loop, options, master link
# main.c and module.c, at the top, may include anything.
set -u
top=${TESTS_DATA:?}/../..
src=$top/src
layers=(util netns table store sysctl config conn rtnl mib agent daemon)
core=(util netns table store sysctl config conn rtnl)
rank() { local i; for i in "${!layers[@]}"; do [ "${layers[$i]}" = "$1" ] && echo "$i" && return; done; echo 99; }

# Where each of our headers lives.
declare -A home
for h in "$src"/*/*.h; do home[$(basename "$h")]=$(basename "$(dirname "$h")"); done
[ "${#home[@]}" -gt 20 ] || { echo "FAIL: found ${#home[@]} headers under $src"; exit 1; }

bad=0 checked=0
for f in "$src"/*/*.[ch]; do
	folder=$(basename "$(dirname "$f")")
	r=$(rank "$folder")
	[ "$r" = 99 ] && { echo "FAIL: $f is in a folder that is not a layer"; bad=1; continue; }
	while read -r inc; do
		[ -n "${home[$inc]:-}" ] || continue # a system or library header
		checked=$((checked + 1))
		if [ "$(rank "${home[$inc]}")" -gt "$r" ]; then
			echo "FAIL: ${f#$top/} ($folder) includes $inc (${home[$inc]}, a layer above)"
			bad=1
		fi
	done < <(sed -n 's/^#include "\(.*\)"/\1/p' "$f")
	if [[ " ${core[*]} " == *" $folder "* ]] && grep -q '^#include <net-snmp/' "$f"; then
		echo "FAIL: ${f#$top/} ($folder, the core) includes a net-snmp header"
		bad=1
	fi
done
[ "$checked" -gt 50 ] || { echo "FAIL: only $checked includes checked"; exit 1; }
[ $bad -eq 0 ] && echo "ok: $checked includes of ${#home[@]} headers respect the layers ${layers[*]}"
exit $bad
