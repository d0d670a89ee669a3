#!/usr/bin/env python3
"""Hold every kind of socket RFC 4022 and RFC 4113 tell apart, for the
dual-stack connection-table test, and write the rows they must give.

Usage: sockets6.py EXPECTED CONTROL NAMES   (in a private network namespace with
lo up and fe80::1 on lo)

Writes to EXPECTED the snmpwalk lines (numeric OIDs) of every row these
sockets give in tcpConnectionTable, tcpListenerTable, tcpConnTable,
udpEndpointTable and udpTable, computed here from the RFCs' index rules,
independently of the daemon, and to NAMES "name oid" lines: the
tcpConnectionState OID of each connection's accepting side.  Then reads commands from the CONTROL fifo:
"close NAME" closes one socket (and its accepted peer) with a reset, so
that no TIME_WAIT row stays behind.
"""
import os
import socket
import struct
import sys

expected_path, control_path, names_path = sys.argv[1:4]
TCP, UDP = ".1.3.6.1.2.1.6", ".1.3.6.1.2.1.7"
PID = os.getpid()
LO = socket.if_nametoindex("lo")


def inet(family, addr, v6only=False, zone=0, remote=False):
    """InetAddressType.InetAddress index part, RFC 4001 (and RFC 4022/4113)."""
    if family == socket.AF_INET6 and addr.startswith("::ffff:"):
        family, addr = socket.AF_INET, addr[7:]
    raw = socket.inet_pton(family, addr)
    if not any(raw) and (remote or (family == socket.AF_INET6 and not v6only)):
        return "0.0"  # unknown(0), zero-length: no remote end, or either family
    if family == socket.AF_INET:
        return "1.4." + ".".join(str(b) for b in raw)
    if zone:
        return "4.20." + ".".join(str(b) for b in raw + zone.to_bytes(4, "big"))
    return "2.16." + ".".join(str(b) for b in raw)


def legacy(family, addr, v6only=False):
    """The bare IPv4 address of a socket carrying IPv4, else None."""
    if family == socket.AF_INET:
        return addr
    if addr.startswith("::ffff:"):
        return addr[7:]
    if addr == "::" and not v6only:
        return "0.0.0.0"
    return None


socks = {}
lines = []
names = []


def ends(s):
    la, ra = s.getsockname(), None
    try:
        ra = s.getpeername()
    except OSError:
        ra = ("::" if s.family == socket.AF_INET6 else "0.0.0.0", 0)
    return la[0].split("%")[0], la[1], ra[0].split("%")[0], ra[1]


def v6only_of(s):
    return s.family == socket.AF_INET6 and s.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY)


def tcp_rows(s, listening, zone=0):
    la, lp, ra, rp = ends(s)
    v6o = v6only_of(s)
    l_idx = "%s.%d" % (inet(s.family, la, v6o, zone), lp)
    state_oid = None
    if listening:
        lines.append("%s.20.1.4.%s = Gauge32: %d" % (TCP, l_idx, PID))
    else:
        idx = "%s.%s.%d" % (l_idx, inet(s.family, ra, zone=zone, remote=True), rp)
        lines.append("%s.19.1.7.%s = INTEGER: 5" % (TCP, idx))
        lines.append("%s.19.1.8.%s = Gauge32: %d" % (TCP, idx, PID))
        state_oid = "%s.19.1.7.%s" % (TCP, idx)
    l4, r4 = legacy(s.family, la, v6o), legacy(s.family, ra) if not listening else "0.0.0.0"
    if l4 and r4:
        old = "%s.%d.%s.%d" % (l4, lp, r4, rp)
        for col, val in ((1, "INTEGER: %d" % (2 if listening else 5)),
                         (2, "IpAddress: " + l4), (3, "INTEGER: %d" % lp),
                         (4, "IpAddress: " + r4), (5, "INTEGER: %d" % rp)):
            lines.append("%s.13.1.%d.%s = %s" % (TCP, col, old, val))
    return state_oid


def udp_rows(s, zone=0):
    la, lp, ra, rp = ends(s)
    v6o = v6only_of(s)
    idx = "%s.%d.%s.%d.%d" % (inet(s.family, la, v6o, zone), lp,
                              inet(s.family, ra, zone=zone, remote=True), rp,
                              os.fstat(s.fileno()).st_ino)
    lines.append("%s.7.1.8.%s = Gauge32: %d" % (UDP, idx, PID))
    l4 = legacy(s.family, la, v6o)
    if l4:
        lines.append("%s.5.1.1.%s.%d = IpAddress: %s" % (UDP, l4, lp, l4))
        lines.append("%s.5.1.2.%s.%d = INTEGER: %d" % (UDP, l4, lp, lp))


def listener(name, family, addr, port, v6only=None, zone=0):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((addr, port, 0, zone) if family == socket.AF_INET6 else (addr, port))
    s.listen(8)
    socks[name] = [s]
    tcp_rows(s, True, zone)
    return s


def connect(name, lst, family, dst, zone=0):
    c = socket.socket(family, socket.SOCK_STREAM)
    port = lst.getsockname()[1]
    c.connect((dst, port, 0, zone) if family == socket.AF_INET6 else (dst, port))
    a, _ = lst.accept()
    socks[name] = [c, a]
    tcp_rows(c, False, zone)
    names.append("%s %s" % (name, tcp_rows(a, False, zone)))


def udp(name, family, addr, port, peer=None, v6only=None, zone=0):
    u = socket.socket(family, socket.SOCK_DGRAM)
    if v6only is not None:
        u.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    u.bind((addr, port, 0, zone) if family == socket.AF_INET6 else (addr, port))
    if peer:
        u.connect(peer)
    socks[name] = [u]
    udp_rows(u, zone)


A4, A6 = socket.AF_INET, socket.AF_INET6
dual = listener("dual", A6, "::", 7001, v6only=0)          # unknown(0) ''
only6 = listener("only6", A6, "::1", 7002, v6only=1)       # ipv6 ::1
ll = listener("linklocal", A6, "fe80::1", 7003, zone=LO)  # ipv6z, zone lo
connect("mapped", dual, A4, "127.0.0.1")                   # both ends ipv4
connect("mapped2", dual, A4, "127.0.0.1")
connect("v6", only6, A6, "::1")                            # both ends ipv6
connect("v6b", only6, A6, "::1")
connect("ll", ll, A6, "fe80::1", zone=LO)                  # both ends ipv6z
udp("udp-dual", A6, "::", 7011, v6only=0)                  # unknown '', any remote
udp("udp-v6only", A6, "::", 7012, v6only=1)                # ipv6 ::
udp("udp-v6", A6, "::1", 7013, peer=("::1", 7014))
udp("udp-mapped", A6, "::ffff:127.0.0.1", 7015, peer=("::ffff:127.0.0.1", 7016))
udp("udp-v4", A4, "127.0.0.1", 7017)
udp("udp-ll", A6, "fe80::1", 7018, zone=LO)

with open(names_path, "w") as f:
    f.write("\n".join(names) + "\n")
with open(expected_path + ".tmp", "w") as f:
    f.write("\n".join(sorted(set(lines))) + "\n")
os.rename(expected_path + ".tmp", expected_path)

while True:  # each writer of the fifo sends one command
    with open(control_path) as ctl:
        for cmd in ctl:
            verb, _, name = cmd.strip().partition(" ")
            if verb == "close":
                for s in socks.pop(name, []):
                    if s.type == socket.SOCK_STREAM:
                        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                     struct.pack("ii", 1, 0))
                    s.close()
            elif verb == "exit":
                sys.exit(0)
