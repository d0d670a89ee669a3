#!/bin/bash
# Makes the namespace the rtnetlink captures of this folder were taken in
# and captures them again (run by hand, as root; the files are committed):
# link.bin, addr.bin, neigh4.bin, neigh6.bin are the kernel's replies to the
# dump requests, *.json what `ip -j` said at the same moment (the values
# tests/check_rtnl.c expects were read off them), proc/ the files the build
# reads beside (dev_snmp6, the IPv4 retransmit times).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
capture=$here/../../lib/rtnl_capture.py
if [ -z "${IN_NS:-}" ]; then exec unshare -n -m --propagation private env IN_NS=1 bash "$0"; fi
peer=$(mktemp) # the far end of v0 lives in a namespace of its own
unshare --net="$peer" true
trap 'umount "$peer"; rm -f "$peer"' EXIT
ip link set lo up
ip link add v0 type veth peer name v1 netns "$peer"
ip link add v2 type veth peer name v3
ip link set v0 up && ip link set v2 up && nsenter --net="$peer" ip link set v1 up
ip link set v0 alias "uplink"
ip addr add 10.20.0.1/24 brd + dev v0
ip addr add 10.20.0.2/24 brd + dev v0
ip addr add 10.20.9.9/32 dev v0
ip addr add 10.20.1.1/24 dev v0 valid_lft 3000 preferred_lft 2000
ip -6 addr add 2001:db8:20::1/64 dev v0 nodad
ip -6 addr add 2001:db8:21::1/64 dev v0 preferred_lft 0 nodad
ip -6 addr add 2001:db8:22::1/64 dev v2
ip -6 addr add 2001:db8:23::1/64 dev v0 noprefixroute nodad
nsenter --net="$peer" ip -6 addr add 2001:db8:20::99/64 dev v1 nodad
ip -6 addr add 2001:db8:20::99/64 dev v0
sysctl -qw net.ipv6.conf.v2.forwarding=1 net.ipv6.conf.v3.disable_ipv6=1
sleep 2 # DAD: 2001:db8:20::99 fails on v0
ip neigh add 10.20.0.50 lladdr 02:00:00:00:00:50 dev v0 nud permanent
ip neigh add 10.20.0.51 lladdr 02:00:00:00:00:51 dev v0 nud stale
ip neigh add 10.20.0.52 lladdr 02:00:00:00:00:52 dev v0 nud noarp
ip neigh add 10.20.0.53 dev v0 nud incomplete
ip neigh add 10.20.0.54 dev v0 nud failed
ip neigh add 10.20.0.55 lladdr 02:00:00:00:00:55 dev v0 nud reachable
ip -6 neigh add 2001:db8:20::50 lladdr 02:00:00:00:01:50 dev v0 nud permanent
ip -6 neigh add fe80::51 lladdr 02:00:00:00:01:51 dev v0 nud stale
# delay and probe last a moment: captured first.  A stale entry that
# traffic uses is delay for delay_first_probe_time (5 s).
ip neigh add 10.20.0.56 lladdr 02:00:00:00:00:56 dev v0 nud stale
ping -c 1 -W 1 -q 10.20.0.56 >/dev/null || true
ip neigh add 10.20.0.57 lladdr 02:00:00:00:00:57 dev v0 nud probe
for k in neigh4 neigh6 link addr; do python3 "$capture" $k "$here/$k.bin"; done
ip -j link show > "$here/link.json"
ip -j addr show > "$here/addr.json"
ip -j neigh show nud all > "$here/neigh.json"
rm -rf "$here/proc" && mkdir -p "$here/proc/net/dev_snmp6"
for l in lo v0 v2 v3; do
	cp /proc/net/dev_snmp6/$l "$here/proc/net/dev_snmp6/" 2>/dev/null || true
	mkdir -p "$here/proc/sys/net/ipv4/neigh/$l"
	cp /proc/sys/net/ipv4/neigh/$l/retrans_time_ms "$here/proc/sys/net/ipv4/neigh/$l/"
done
