#!/usr/bin/env python3
"""Capture an rtnetlink dump as the kernel sends it, for the unit tests of
the row encoders (tests/check_rtnl.c): every datagram of the reply to one
RTM_GETLINK, RTM_GETADDR, RTM_GETNEIGH or RTM_GETROUTE dump request, concatenated.

usage: rtnl_capture.py link|addr|neigh4|neigh6|route4|route6 FILE
"""
import socket
import struct
import sys

RTM = {"link": (18, 0, 16), "addr": (22, 0, 8), "neigh4": (30, 2, 12), "neigh6": (30, 10, 12),
       "route4": (26, 2, 12), "route6": (26, 10, 12)}
NLM_F_REQUEST, NLM_F_DUMP, NLMSG_DONE, NLMSG_ERROR = 1, 0x300, 3, 2


def main(kind, path):
    rtm, family, hdrlen = RTM[kind]
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    body = bytes([family]) + bytes(hdrlen - 1)
    s.send(struct.pack("=IHHII", 16 + len(body), rtm, NLM_F_REQUEST | NLM_F_DUMP, 1, 0) + body)
    out = b""
    while True:
        data = s.recv(1 << 20)
        done = False
        off = 0
        while off < len(data):
            length, mtype = struct.unpack_from("=IH", data, off)
            if mtype == NLMSG_ERROR:
                sys.exit("netlink error")
            done |= mtype == NLMSG_DONE
            off += (length + 3) & ~3
        out += data
        if done:
            break
    with open(path, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main(*sys.argv[1:3]) if len(sys.argv) == 3 else sys.exit(__doc__)
