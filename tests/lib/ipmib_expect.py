#!/usr/bin/env python3
"""The rows IP-MIB's address, neighbour and interface tables must show, from
what iproute2 reports (`ip -j link/addr/neigh/ntable`) and the files of
/proc/sys and /proc/net, in the namespace this runs in.  Written from RFC
4293, RFC 1213, RFC 2863, RFC 4001, RFC 4292 and RFC 2096, independently of
the C code; routes from `ip -j route show table main`.

Prints snmpwalk's lines (-On -Ox -Ot -m '') for the columns whose values do
not change while nothing changes (TimeStamps and counters are checked by the
test itself), sorted as a walk returns them.

usage: ipmib_expect.py TABLE...   (address prefix addr physical media if4 if6
                                   zone if ifx inet cidr legacy routers
                                   route_numbers)
       ipmib_expect.py --compare EXPECTED WALKED
         WALKED (a walk's output) must hold EXPECTED's lines exactly, in its
         order, among those of the columns EXPECTED names; a value '*'
         matches any.  Prints the differences, exits 1 if there are any.
"""
import ipaddress
import json
import subprocess
import sys

MIB2 = (1, 3, 6, 1, 2, 1)
FOREVER = 4294967295


def ip_json(*args):
    out = subprocess.run(["ip", "-j", *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out) if out.strip() else []


def sysctl(path):
    with open("/proc/sys/net/" + path) as f:
        return f.read().strip()


def integer(v):
    return "INTEGER: %d" % v


def gauge(v):
    return "Gauge32: %d" % v


def octets(b):
    return "Hex-STRING: " + "".join("%02X " % x for x in b) if b else '""'


def ipaddr(a):
    return "IpAddress: " + a


def oid(parts):
    return "OID: ." + ".".join(map(str, parts))


def mac(text):
    return bytes(int(x, 16) for x in text.split(":")) if text else b""


def links():
    return {l["ifindex"]: l for l in ip_json("link", "show")}


def inet_index(a):
    """InetAddressType and InetAddress of an address (RFC 4001): link-local
    IPv6 is ipv6z, its zone the interface index, in network order."""
    ip, zone = a["addr"], a.get("zone")
    if ip.version == 4:
        return [1, 4, *ip.packed]
    if zone is not None:
        return [4, 20, *ip.packed, *zone.to_bytes(4, "big")]
    return [2, 16, *ip.packed]


def addresses():
    """Every address row: unicast ones, and IPv4 broadcast ones."""
    rows = []
    for l in ip_json("addr", "show"):
        for a in l.get("addr_info", []):
            ip = ipaddress.ip_address(a["local"])
            base = dict(ifindex=l["ifindex"], info=a, prefixlen=a["prefixlen"],
                        zone=l["ifindex"] if ip.version == 6 and ip.is_link_local else None)
            rows.append(dict(base, addr=ip, kind=1))
            if "broadcast" in a:
                rows.append(dict(base, addr=ipaddress.ip_address(a["broadcast"]), kind=3,
                                 zone=None))
    return rows


def address_origin(r):
    a, ip = r["info"], r["addr"]
    if ip.version == 4:
        return 4 if a.get("dynamic") else 2  # dhcp, manual
    if a.get("temporary"):
        return 6  # random
    if ip.is_link_local or a.get("dynamic"):
        return 5  # linklayer
    return 2


def address_status(a):
    for flag, status in (("dadfailed", 7), ("optimistic", 8), ("tentative", 6), ("deprecated", 2)):
        if a.get(flag):
            return status
    return 1  # preferred


def prefix_of(r):
    net = ipaddress.ip_network("%s/%d" % (r["addr"], r["prefixlen"]), strict=False)
    return r["ifindex"], net


def prefix_index(ifindex, net):
    t = 1 if net.version == 4 else 2
    return [ifindex, t, len(net.network_address.packed), *net.network_address.packed,
            net.prefixlen]


def table_address():
    rows = {}
    # one row per index: the unicast one, else the lowest interface's
    for r in sorted(addresses(), key=lambda r: (r["kind"], r["ifindex"])):
        rows.setdefault(tuple(inet_index(r)), r)
    for idx, r in rows.items():
        pointer = [0, 0]
        if r["kind"] == 1:
            pointer = [*MIB2, 4, 32, 1, 5, *prefix_index(*prefix_of(r))]
        cols = {3: integer(r["ifindex"]), 4: integer(r["kind"]), 5: oid(pointer),
                6: integer(address_origin(r)), 7: integer(address_status(r["info"])),
                10: integer(1), 11: integer(2)}
        for c, v in cols.items():
            yield [*MIB2, 4, 34, 1, c, *idx], v


def table_prefix():
    rows = {}
    for r in addresses():
        if r["kind"] == 1:
            ifindex, net = prefix_of(r)
            rows.setdefault(tuple(prefix_index(ifindex, net)), r)
    for idx, r in rows.items():
        a, ip = r["info"], r["addr"]
        dynamic6 = ip.version == 6 and bool(a.get("dynamic"))
        origin = 5 if dynamic6 else 3 if ip.version == 6 and ip.is_link_local else \
            4 if a.get("dynamic") else 2
        cols = {5: integer(origin), 6: integer(2 if a.get("noprefixroute") else 1),
                7: integer(1 if dynamic6 else 2)}
        # a finite lifetime counts down: any value
        cols[8] = gauge(FOREVER) if a["preferred_life_time"] == FOREVER else "*"
        cols[9] = gauge(FOREVER) if a["valid_life_time"] == FOREVER else "*"
        for c, v in cols.items():
            yield [*MIB2, 4, 32, 1, c, *idx], v


def table_addr():
    rows = {}
    for r in sorted(addresses(), key=lambda r: r["ifindex"]):
        if r["kind"] == 1 and r["addr"].version == 4:
            rows.setdefault(r["addr"], r)
    for ip, r in rows.items():
        mask = ipaddress.ip_network("0.0.0.0/%d" % r["prefixlen"]).netmask
        cols = {1: ipaddr(str(ip)), 2: integer(r["ifindex"]), 3: ipaddr(str(mask)),
                4: integer(1), 5: integer(65535)}
        for c, v in cols.items():
            yield [*MIB2, 4, 20, 1, c, *ip.packed], v


def neighbours():
    names = {l["ifname"]: i for i, l in links().items()}
    for n in ip_json("neigh", "show", "nud", "all"):
        ip = ipaddress.ip_address(n["dst"])
        yield dict(ifindex=names[n["dev"]], addr=ip, lladdr=mac(n.get("lladdr", "")),
                   state=n["state"][0])


def neigh_type(state):
    """ipNetToPhysicalType / ipNetToMediaType: invalid, static, dynamic"""
    return 2 if state == "FAILED" else 4 if state in ("PERMANENT", "NOARP") else 3


NUD_STATE = {"REACHABLE": 1, "STALE": 2, "DELAY": 3, "PROBE": 4, "FAILED": 5, "INCOMPLETE": 7}


def table_physical():
    for n in neighbours():
        ip = n["addr"]
        idx = [n["ifindex"], 1 if ip.version == 4 else 2, len(ip.packed), *ip.packed]
        cols = {4: octets(n["lladdr"]), 6: integer(neigh_type(n["state"])),
                7: integer(NUD_STATE.get(n["state"], 6)), 8: integer(1)}
        for c, v in cols.items():
            yield [*MIB2, 4, 35, 1, c, *idx], v


def table_media():
    for n in neighbours():
        ip = n["addr"]
        if ip.version != 4:
            continue
        cols = {1: integer(n["ifindex"]), 2: octets(n["lladdr"]), 3: ipaddr(str(ip)),
                4: integer(neigh_type(n["state"]))}
        for c, v in cols.items():
            yield [*MIB2, 4, 22, 1, c, n["ifindex"], *ip.packed], v


def table_if4():
    for i, l in links().items():
        retrans = int(sysctl("ipv4/neigh/%s/retrans_time_ms" % l["ifname"]))
        for c, v in {2: integer(65535), 3: integer(1), 4: gauge(retrans)}.items():
            yield [*MIB2, 4, 28, 1, c, i], v


def ipv6_links():
    """The interfaces with an IPv6 configuration (a conf directory)."""
    for i, l in links().items():
        try:
            sysctl("ipv6/conf/%s/forwarding" % l["ifname"])
        except FileNotFoundError:
            continue
        yield i, l


def identifier(ifindex):
    """The low 64 bits of the interface's link-local address (no token set)."""
    for r in addresses():
        if r["ifindex"] == ifindex and r["zone"] is not None:
            return r["addr"].packed[8:]
    return b""


def table_if6():
    for i, l in ipv6_links():
        name = l["ifname"]
        reachable = [t["reachable"] for t in ip_json("-6", "ntable", "show", "dev", name)]
        cols = {2: gauge(65535), 3: octets(identifier(i)),
                4: integer(2 if int(sysctl("ipv6/conf/%s/disable_ipv6" % name)) else 1),
                6: gauge(reachable[0]) if reachable else "*",
                7: gauge(int(sysctl("ipv6/neigh/%s/retrans_time_ms" % name))),
                8: integer(1 if int(sysctl("ipv6/conf/%s/forwarding" % name)) else 2)}
        for c, v in cols.items():
            yield [*MIB2, 4, 30, 1, c, i], v


def table_zone():
    for i, _ in ipv6_links():
        for c in range(2, 14):
            yield [*MIB2, 4, 36, 1, c, i], gauge(i if c == 2 else 0)


IFTYPE = {"loopback": 24, "ether": 6, "ppp": 23, "none": 131}
OPER = {"UP": 1, "DOWN": 2, "TESTING": 3, "DORMANT": 5, "NOTPRESENT": 6, "LOWERLAYERDOWN": 7}


def oper_status(l):
    if l["operstate"] in OPER:
        return OPER[l["operstate"]]
    flags = l["flags"]
    return 1 if "UP" in flags and "LOWER_UP" in flags else 2


def table_if():
    for i, l in links().items():
        cols = {1: integer(i), 2: octets(l["ifname"].encode()),
                3: integer(IFTYPE.get(l["link_type"], 1)), 4: integer(l["mtu"]),
                6: octets(mac(l.get("address", ""))),
                7: integer(1 if "UP" in l["flags"] else 2), 8: integer(oper_status(l))}
        for c, v in cols.items():
            yield [*MIB2, 2, 2, 1, c, i], v


def table_ifx():
    for i, l in links().items():
        cols = {1: octets(l["ifname"].encode()), 16: integer(1 if "PROMISC" in l["flags"] else 2),
                18: octets(l.get("ifalias", "").encode())}
        for c, v in cols.items():
            yield [*MIB2, 31, 1, 1, 1, c, i], v


# The tables' entries: a column is the entry's OID and one sub-identifier.
# ---- routes (RFC 4292, RFC 2096, RFC 1213, RFC 4293's ipDefaultRouterTable) --------

# iproute2's protocol names as IANAipRouteProtocol; any other is other(1)
IANA_PROTO = {"kernel": 2, "boot": 3, "static": 3, "redirect": 4, "ra": 4, "dhcp": 19,
              "mrouted": 17, "bgp": 14, "isis": 9, "ospf": 13, "rip": 8, "eigrp": 16}


def routes():
    """The main table's routes of both families, a dict per next hop."""
    index = {l["ifname"]: l["ifindex"] for l in ip_json("link", "show")}
    out = []
    for fam in ("-4", "-6"):
        for r in ip_json(fam, "route", "show", "table", "main"):
            dst = ("0.0.0.0/0" if fam == "-4" else "::/0") if r["dst"] == "default" else r["dst"]
            net = ipaddress.ip_network(dst, strict=False)
            base = {"net": net, "type": r.get("type", "unicast"),
                    "proto": IANA_PROTO.get(r.get("protocol", "boot"), 1),
                    "metric": r.get("metric", 0), "expires": r.get("expires"),
                    "pref": r.get("pref")}
            for hop in r.get("nexthops", [r]):
                gw = hop.get("gateway") or (hop.get("via") or {}).get("host")
                out.append(dict(base, ifindex=index.get(hop.get("dev"), 0),
                                gw=ipaddress.ip_address(gw) if gw else None))
    return out


def next_hop_index(r):
    """inetCidrRouteNextHopType and NextHop: unknown(0) and '' for none,
    ipv6z (its zone the interface) for a link-local router."""
    gw = r["gw"]
    if gw is None:
        return [0, 0]
    if gw.version == 4:
        return [1, 4, *gw.packed]
    if gw.is_link_local:
        return [4, 20, *gw.packed, *r["ifindex"].to_bytes(4, "big")]
    return [2, 16, *gw.packed]


def with_policies(rs):
    """Routes the standard index cannot tell apart: the lowest metric (then
    ifIndex) keeps policy {0 0}; every other gets {0 0 ifIndex metric}."""
    groups = {}
    for r in rs:
        key = (r["net"].version, r["net"].network_address.packed, r["net"].prefixlen,
               tuple(next_hop_index(r)))
        groups.setdefault(key, []).append(r)
    out = []
    for g in groups.values():
        g.sort(key=lambda r: (r["metric"], r["ifindex"]))
        out.append(dict(g[0], policy=[2, 0, 0]))
        out += [dict(r, policy=[4, 0, 0, r["ifindex"], r["metric"]]) for r in g[1:]]
    return out


def inet_type(r):
    if r["type"] == "unicast":
        return 4 if r["gw"] else 3
    return {"unreachable": 2, "prohibit": 2, "blackhole": 5}.get(r["type"], 1)


def table_inet():
    lines = []
    for r in with_policies(routes()):
        net = r["net"]
        idx = [1 if net.version == 4 else 2, len(net.network_address.packed),
               *net.network_address.packed, net.prefixlen, *r["policy"], *next_hop_index(r)]
        for col, value in ((7, integer(r["ifindex"])), (8, integer(inet_type(r))),
                           (9, integer(r["proto"])), (10, gauge(0)), (11, gauge(0)),
                           (12, integer(r["metric"])), (13, integer(-1)), (14, integer(-1)),
                           (15, integer(-1)), (16, integer(-1)), (17, integer(1))):
            lines.append(((*MIB2, 4, 24, 7, 1, col, *idx), value))
    return lines


def cidr_routes():
    """IPv4 routes an IpAddress next hop can name, policy {0 0}."""
    return [r for r in with_policies(routes()) if r["net"].version == 4 and
            r["policy"] == [2, 0, 0] and (r["gw"] is None or r["gw"].version == 4)]


def table_cidr():
    lines = []
    for r in cidr_routes():
        net, t = r["net"], inet_type(r)
        hop = str(r["gw"] or "0.0.0.0")
        idx = [*net.network_address.packed, *net.netmask.packed, 0, *ipaddress.ip_address(hop).packed]
        for col, value in ((1, ipaddr(str(net.network_address))), (2, ipaddr(str(net.netmask))),
                           (3, integer(0)), (4, ipaddr(hop)), (5, integer(r["ifindex"])),
                           (6, integer(2 if t == 5 else t)),
                           (7, integer(1 if r["proto"] > 16 else r["proto"])), (8, integer(0)),
                           (9, oid([0, 0])), (10, integer(0)), (11, integer(r["metric"])),
                           (12, integer(-1)), (13, integer(-1)), (14, integer(-1)),
                           (15, integer(-1)), (16, integer(1))):
            lines.append(((*MIB2, 4, 24, 4, 1, col, *idx), value))
    return lines


def table_legacy():
    """ipRouteTable, one row per destination: the longest prefix, its lowest
    metric, its first next hop."""
    best = {}
    for r in sorted(cidr_routes(), key=lambda r: (-r["net"].prefixlen, r["metric"],
                                                  r["gw"].packed if r["gw"] else b"")):
        best.setdefault(r["net"].network_address, r)
    lines = []
    for dst, r in best.items():
        kind = (4 if r["gw"] else 3) if r["type"] == "unicast" else 1
        hop = str(r["gw"] or "0.0.0.0")
        for col, value in ((1, ipaddr(str(dst))), (2, integer(r["ifindex"])),
                           (3, integer(r["metric"])), (4, integer(-1)), (5, integer(-1)),
                           (6, integer(-1)), (7, ipaddr(hop)), (8, integer(kind)),
                           (9, integer(1 if r["proto"] > 14 else r["proto"])), (10, integer(0)),
                           (11, ipaddr(str(r["net"].netmask))), (12, integer(-1)),
                           (13, oid([0, 0]))):
            lines.append(((*MIB2, 4, 21, 1, col, *dst.packed), value))
    return lines


def table_routers():
    """ipDefaultRouterTable: default unicast routes through a router; the
    lifetime ('*': the test checks it) of those that expire."""
    lines, seen = [], set()
    for r in sorted(routes(), key=lambda r: r["metric"]):
        if r["net"].prefixlen or r["type"] != "unicast" or not r["gw"]:
            continue
        gw = r["gw"]
        idx = (1 if gw.version == 4 else 2, len(gw.packed), *gw.packed, r["ifindex"])
        if idx in seen:
            continue
        seen.add(idx)
        pref = {"low": -1, "medium": 0, "high": 1}.get(r["pref"], 0)
        life = "*" if r["expires"] is not None else "Gauge32: 65535"
        lines.append(((*MIB2, 4, 37, 1, 4, *idx), life))
        lines.append(((*MIB2, 4, 37, 1, 5, *idx), integer(pref)))
    return lines


def table_route_numbers():
    return [((*MIB2, 4, 24, 3, 0), gauge(len(cidr_routes()))),
            ((*MIB2, 4, 24, 6, 0), gauge(len(with_policies(routes()))))]


ENTRIES = [(*MIB2, 4, 34, 1), (*MIB2, 4, 32, 1), (*MIB2, 4, 20, 1), (*MIB2, 4, 35, 1),
           (*MIB2, 4, 22, 1), (*MIB2, 4, 28, 1), (*MIB2, 4, 30, 1), (*MIB2, 4, 36, 1),
           (*MIB2, 2, 2, 1), (*MIB2, 31, 1, 1, 1), (*MIB2, 4, 24, 7, 1), (*MIB2, 4, 24, 4, 1),
           (*MIB2, 4, 21, 1), (*MIB2, 4, 37, 1), (*MIB2, 4, 24)]


def column_of(line):
    name = tuple(int(x) for x in line.split(" = ", 1)[0].strip(".").split("."))
    for e in ENTRIES:
        if name[:len(e)] == e and len(name) > len(e):
            return name[:len(e) + 1]
    return None


def compare(expected_file, walked_file):
    with open(expected_file) as f:
        expected = [line.rstrip("\n") for line in f if line.strip()]
    with open(walked_file) as f:
        walked = [line.rstrip("\n") for line in f if line.strip()]
    columns = {column_of(line) for line in expected}
    got = [line for line in walked if column_of(line) in columns]
    bad = 0
    for i in range(max(len(expected), len(got))):
        e = expected[i] if i < len(expected) else "(nothing)"
        g = got[i] if i < len(got) else "(nothing)"
        if e == g or (e.endswith(" = *") and g.split(" = ")[0] == e.split(" = ")[0]):
            continue
        print("expected %s\n     got %s" % (e, g))
        bad += 1
        if bad > 10:
            break
    return 1 if bad else 0


def main(tables):
    lines = []
    for t in tables:
        lines += globals()["table_" + t]()
    for name, value in sorted(lines, key=lambda line: line[0]):
        print(".%s = %s" % (".".join(map(str, name)), value))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compare"] and len(sys.argv) == 4:
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    main(sys.argv[1:] or sys.exit(__doc__))
