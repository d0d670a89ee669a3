#!/usr/bin/env python3
"""Write <fixture>/expected.txt: every standard object the agent must serve
for that fixture tree, as 'OID TYPE VALUE' lines in OID order.

The mapping below is written from the RFCs (RFC 4293 IP-MIB, RFC 4022
TCP-MIB, RFC 4113 UDP-MIB) independently of src/mib/mib_objects.c, so the unit
and integration tests compare two separate readings of the standards.
Run from tests/data:  python3 make-expected.py linux-4.19 ...
"""
import sys

def load(path):
    """{section: {field: int}} from a header/value file (repeats merge)."""
    out = {}
    lines = open(path).read().split("\n")
    for h, v in zip(lines[0::2], lines[1::2]):
        sec, names = h.split(":", 1)
        _, vals = v.split(":", 1)
        names, vals = names.split(), vals.split()
        # a malformed section is skipped whole, as the agent must do
        if len(names) != len(vals) or not all(x.lstrip("-").isdigit() for x in vals):
            continue
        d = out.setdefault(sec, {})
        for n, x in zip(names, vals):
            d.setdefault(n, int(x))
    return out

M32 = 0xFFFFFFFF
IP = ["Forwarding", "DefaultTTL", "InReceives", "InHdrErrors", "InAddrErrors",
      "ForwDatagrams", "InUnknownProtos", "InDiscards", "InDelivers",
      "OutRequests", "OutDiscards", "OutNoRoutes", None, "ReasmReqds",
      "ReasmOKs", "ReasmFails", "FragOKs", "FragFails", "FragCreates"]
ICMP = ["InMsgs", "InErrors", "InDestUnreachs", "InTimeExcds", "InParmProbs",
        "InSrcQuenchs", "InRedirects", "InEchos", "InEchoReps", "InTimestamps",
        "InTimestampReps", "InAddrMasks", "InAddrMaskReps", "OutMsgs",
        "OutErrors", "OutDestUnreachs", "OutTimeExcds", "OutParmProbs",
        "OutSrcQuenchs", "OutRedirects", "OutEchos", "OutEchoReps",
        "OutTimestamps", "OutTimestampReps", "OutAddrMasks", "OutAddrMaskReps"]
# ipSystemStatsEntry column: (section, field, HC?) ; RFC 4293 column numbers
SYS = {3: ("Ip", "InReceives", 0), 4: ("Ip", "InReceives", 1),
       5: ("IpExt", "InOctets", 0), 6: ("IpExt", "InOctets", 1),
       7: ("Ip", "InHdrErrors", 0), 8: ("IpExt", "InNoRoutes", 0),
       9: ("Ip", "InAddrErrors", 0), 10: ("Ip", "InUnknownProtos", 0),
       11: ("IpExt", "InTruncatedPkts", 0), 12: None, 13: None,
       14: ("Ip", "ReasmReqds", 0),
       15: ("Ip", "ReasmOKs", 0), 16: ("Ip", "ReasmFails", 0),
       17: ("Ip", "InDiscards", 0), 18: ("Ip", "InDelivers", 0),
       19: ("Ip", "InDelivers", 1), 20: ("Ip", "OutRequests", 0),
       21: ("Ip", "OutRequests", 1), 22: ("Ip", "OutNoRoutes", 0),
       23: ("Ip", "ForwDatagrams", 0), 24: ("Ip", "ForwDatagrams", 1),
       25: ("Ip", "OutDiscards", 0), 27: ("Ip", "FragOKs", 0),
       28: ("Ip", "FragFails", 0), 29: ("Ip", "FragCreates", 0),
       30: ("Ip", "OutTransmits", 0), 31: ("Ip", "OutTransmits", 1),
       32: ("IpExt", "OutOctets", 0), 33: ("IpExt", "OutOctets", 1),
       34: ("IpExt", "InMcastPkts", 0), 35: ("IpExt", "InMcastPkts", 1),
       36: ("IpExt", "InMcastOctets", 0), 37: ("IpExt", "InMcastOctets", 1),
       38: ("IpExt", "OutMcastPkts", 0), 39: ("IpExt", "OutMcastPkts", 1),
       40: ("IpExt", "OutMcastOctets", 0), 41: ("IpExt", "OutMcastOctets", 1),
       42: ("IpExt", "InBcastPkts", 0), 43: ("IpExt", "InBcastPkts", 1),
       44: ("IpExt", "OutBcastPkts", 0), 45: ("IpExt", "OutBcastPkts", 1)}
# The ipv6 row: RFC 4293's column, the net/snmp6 field, HC?  IPv6 has no
# broadcast (columns 42-45); 12/13 and 26 are sums, below.
SYS6 = {3: ("Ip6InReceives", 0), 4: ("Ip6InReceives", 1),
        5: ("Ip6InOctets", 0), 6: ("Ip6InOctets", 1),
        7: ("Ip6InHdrErrors", 0), 8: ("Ip6InNoRoutes", 0),
        9: ("Ip6InAddrErrors", 0), 10: ("Ip6InUnknownProtos", 0),
        11: ("Ip6InTruncatedPkts", 0), 14: ("Ip6ReasmReqds", 0),
        15: ("Ip6ReasmOKs", 0), 16: ("Ip6ReasmFails", 0),
        17: ("Ip6InDiscards", 0), 18: ("Ip6InDelivers", 0),
        19: ("Ip6InDelivers", 1), 20: ("Ip6OutRequests", 0),
        21: ("Ip6OutRequests", 1), 22: ("Ip6OutNoRoutes", 0),
        23: ("Ip6OutForwDatagrams", 0), 24: ("Ip6OutForwDatagrams", 1),
        25: ("Ip6OutDiscards", 0), 27: ("Ip6FragOKs", 0),
        28: ("Ip6FragFails", 0), 29: ("Ip6FragCreates", 0),
        30: ("Ip6OutTransmits", 0), 31: ("Ip6OutTransmits", 1),
        32: ("Ip6OutOctets", 0), 33: ("Ip6OutOctets", 1),
        34: ("Ip6InMcastPkts", 0), 35: ("Ip6InMcastPkts", 1),
        36: ("Ip6InMcastOctets", 0), 37: ("Ip6InMcastOctets", 1),
        38: ("Ip6OutMcastPkts", 0), 39: ("Ip6OutMcastPkts", 1),
        40: ("Ip6OutMcastOctets", 0), 41: ("Ip6OutMcastOctets", 1)}
TCP_INT = {1: "RtoAlgorithm", 2: "RtoMin", 3: "RtoMax", 4: "MaxConn"}
TCP_C32 = {5: "ActiveOpens", 6: "PassiveOpens", 7: "AttemptFails",
           8: "EstabResets", 10: "InSegs", 11: "OutSegs", 12: "RetransSegs",
           14: "InErrs", 15: "OutRsts"}

def oidkey(o):
    return [int(x) for x in o.split(".")]

def expected(root):
    snmp = load(root + "/net/snmp")
    net = load(root + "/net/netstat")
    allf = {**snmp, **net}
    rows = []
    def add(oid, typ, val):
        rows.append(("1.3.6.1.2.1." + oid, typ, val))
    def get(sec, f):
        return allf.get(sec, {}).get(f)
    ip = snmp["Ip"]
    try:
        v6 = {n: int(x) for n, x in (l.split() for l in open(root + "/net/snmp6"))}
    except OSError:
        v6 = {}  # IPv6 disabled: no ipv6 rows
    for i, f in enumerate(IP, 1):
        if f is None:
            try:
                add("4.13.0", "INTEGER", int(open(root + "/sys/net/ipv4/ipfrag_time").read()))
            except OSError:
                pass
        elif f == "Forwarding":
            add("4.1.0", "INTEGER", 1 if ip[f] == 1 else 2)
        elif f == "DefaultTTL":
            add("4.2.0", "INTEGER", ip[f])
        elif f in ip:
            add("4.%d.0" % i, "Counter32", ip[f] & M32)
    # ipv6IpForwarding (forwarding(1) when the flag is non-zero, else
    # notForwarding(2)) and ipv6IpDefaultHopLimit, from net/ipv6's sysctls
    for sub, path, conv in (("4.25.0", "conf/all/forwarding", lambda v: 1 if v else 2),
                            ("4.26.0", "conf/default/hop_limit", lambda v: v)):
        try:
            add(sub, "INTEGER", conv(int(open(root + "/sys/net/ipv6/" + path).read())))
        except OSError:
            pass
    for col in range(3, 48):  # column 2 is unused in RFC 4293
        o = "4.31.1.1.%d.1" % col
        if col == 26:
            if "FragOKs" in ip and "FragFails" in ip:
                add(o, "Counter32", (ip["FragOKs"] + ip["FragFails"]) & M32)
        elif col in (12, 13):
            # RFC 4293 ipSystemStatsInForwDatagrams: input datagrams for
            # which a route to a final destination was sought, whether or
            # not one was found: Linux's ForwDatagrams plus InNoRoutes.
            fw = get("Ip", "ForwDatagrams")
            if fw is not None:
                fw += get("IpExt", "InNoRoutes") or 0
                add(o, "Counter64" if col == 13 else "Counter32", fw if col == 13 else fw & M32)
        elif col == 46:
            add(o, "Timeticks", 0)
        elif col == 47:
            add(o, "Gauge32", 1000)  # Unsigned32 shares Gauge32's tag
        else:
            sec, f, hc = SYS[col]
            v = get(sec, f)
            if v is not None:
                add(o, "Counter64" if hc else "Counter32", v if hc else v & M32)
    if v6:
        for col in range(3, 48):
            o = "4.31.1.1.%d.2" % col
            if col in (12, 13):
                # as for ipv4: forwarded (Ip6OutForwDatagrams) plus no route
                if "Ip6OutForwDatagrams" in v6:
                    fw = v6["Ip6OutForwDatagrams"] + v6.get("Ip6InNoRoutes", 0)
                    add(o, "Counter64" if col == 13 else "Counter32",
                        fw if col == 13 else fw & M32)
            elif col == 26:
                if "Ip6FragOKs" in v6 and "Ip6FragFails" in v6:
                    add(o, "Counter32", (v6["Ip6FragOKs"] + v6["Ip6FragFails"]) & M32)
            elif col == 46:
                add(o, "Timeticks", 0)
            elif col == 47:
                add(o, "Gauge32", 1000)
            elif col in SYS6 and SYS6[col][0] in v6:
                f, hc = SYS6[col]
                add(o, "Counter64" if hc else "Counter32", v6[f] if hc else v6[f] & M32)
    icmp = snmp.get("Icmp", {})
    for i, f in enumerate(ICMP, 1):
        if f in icmp:
            add("5.%d.0" % i, "Counter32", icmp[f] & M32)
    for col, f in ((2, "InMsgs"), (3, "InErrors"), (4, "OutMsgs"), (5, "OutErrors")):
        if f in icmp:
            add("5.29.1.%d.1" % col, "Counter32", icmp[f] & M32)
        if "Icmp6" + f in v6:
            add("5.29.1.%d.2" % col, "Counter32", v6["Icmp6" + f] & M32)
    # icmpMsgStatsTable: ipv4 rows from IcmpMsg, ipv6 rows from net/snmp6
    for ver, msg, pin, pout in ((1, snmp.get("IcmpMsg", {}), "InType", "OutType"),
                                (2, v6, "Icmp6InType", "Icmp6OutType")):
        types = sorted({int(n[len(pin):]) for n in msg if n.startswith(pin)} |
                       {int(n[len(pout):]) for n in msg if n.startswith(pout)})
        for col, pre in ((3, pin), (4, pout)):
            for t in types:
                add("5.30.1.%d.%d.%d" % (col, ver, t), "Counter32",
                    msg.get(pre + str(t), 0) & M32)
    tcp = snmp.get("Tcp", {})
    for col, f in TCP_INT.items():
        if f in tcp:
            add("6.%d.0" % col, "INTEGER", tcp[f])
    for col, f in TCP_C32.items():
        if f in tcp:
            add("6.%d.0" % col, "Counter32", tcp[f] & M32)
    if "CurrEstab" in tcp:
        add("6.9.0", "Gauge32", min(tcp["CurrEstab"], M32))
    for col, f in ((17, "InSegs"), (18, "OutSegs")):
        if f in tcp:
            add("6.%d.0" % col, "Counter64", tcp[f])
    # RFC 4113 counts UDP over either IP version: IPv4's Udp plus IPv6's
    # Udp6 lines of net/snmp6 where the kernel has them.
    udp = snmp.get("Udp", {})
    def udp_both(f):
        return udp[f] + v6.get("Udp6" + f, 0)
    for col, f in ((1, "InDatagrams"), (2, "NoPorts"), (3, "InErrors"), (4, "OutDatagrams")):
        if f in udp:
            add("7.%d.0" % col, "Counter32", udp_both(f) & M32)
    for col, f in ((8, "InDatagrams"), (9, "OutDatagrams")):
        if f in udp:
            add("7.%d.0" % col, "Counter64", udp_both(f))
    rows.sort(key=lambda r: oidkey(r[0]))
    return rows

for root in sys.argv[1:]:
    with open(root + "/expected.txt", "w") as out:
        for oid, typ, val in expected(root):
            out.write("%s %s %d\n" % (oid, typ, val))
