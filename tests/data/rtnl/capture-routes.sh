#!/bin/bash
# Makes the namespace route4.bin and route6.bin were captured in and
# captures them again (run by hand, as root; the files are committed):
# the kernel's replies to RTM_GETROUTE dumps of each family, and what
# `ip -j route show table all` said at the same moment (routes.json), which
# tests/check_rtnl.c's expected values were read off.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
capture=$here/../../lib/rtnl_capture.py
if [ -z "${IN_NS:-}" ]; then exec unshare -n env IN_NS=1 bash "$0"; fi
ip link set lo up
ip link add v0 type veth peer name v1 # ifindex 2 and 3
ip link add ifb0 type ifb             # 4
ip link set v0 up && ip link set v1 up && ip link set ifb0 up
ip addr add 10.40.0.1/24 dev v0
ip -6 addr add 2001:db8:40::1/64 dev v0 nodad
ip addr add 10.41.0.1/24 dev ifb0
ip route add 10.50.0.0/16 via 10.40.0.2 metric 10
ip route add 10.50.0.0/16 via 10.40.0.2 metric 20
ip route add 10.50.0.0/24 via 10.40.0.5
ip route add 10.60.0.0/16 nexthop via 10.40.0.2 nexthop via 10.40.0.3 weight 2
ip route add blackhole 10.70.0.0/16
ip route add unreachable 10.71.0.0/16
ip route add prohibit 10.72.0.0/16
ip route add default via 10.40.0.254 proto static
ip route add 10.81.0.0/24 dev ifb0 proto bgp metric 7
ip route add 10.90.0.0/16 via inet6 fe80::9 dev v0
ip route add 10.99.0.0/16 via 10.40.0.2 table 100
ip -6 route add 2001:db8:50::/48 via 2001:db8:40::2 metric 5
ip -6 route add 2001:db8:60::/48 nexthop via fe80::2 dev v0 nexthop via fe80::3 dev v0
ip -6 route add unreachable 2001:db8:71::/48
ip -6 route add default via fe80::1 dev v0 proto ra expires 600 pref high
ip -6 route add 2001:db8:99::/48 via 2001:db8:40::2 table 100
for k in route4 route6; do python3 "$capture" $k "$here/$k.bin"; done
{ ip -j -4 route show table all; ip -j -6 route show table all; } > "$here/routes.json"
