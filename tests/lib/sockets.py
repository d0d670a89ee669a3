#!/usr/bin/env python3
"""Hold known TCP and UDP sockets open for the connection-table test.

Usage: sockets.py OUT STATUS

Opens listeners, connections and UDP endpoints on 127.0.0.2-9 (run it in
a private network namespace), writes one line per socket to OUT:
    name proto state laddr lport raddr rport inode
(state: listen, established or udp) and then waits.  On SIGUSR1 it writes
to STATUS one line per TCP socket: "name alive", "name reset" (the peer
reset it), "name aborted" (destroyed under us) or "name closed".
"""
import errno
import os
import signal
import socket
import sys
import time

out_path, status_path = sys.argv[1], sys.argv[2]
socks = []  # (name, proto, state, socket)


def tcp_listen(name, addr, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(16)
    socks.append((name, "tcp", "listen", s))
    return s


def tcp_connect(name, listener, src, sport, dst):
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.bind((src, sport))
    c.connect((dst, listener.getsockname()[1]))
    a, _ = listener.accept()
    socks.append((name + "-client", "tcp", "established", c))
    socks.append((name + "-server", "tcp", "established", a))


def udp(name, addr, port, peer=None):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind((addr, port))
    if peer:
        u.connect(peer)
    socks.append((name, "udp", "udp", u))


l1 = tcp_listen("listen1", "127.0.0.2", 5001)
l2 = tcp_listen("listen2", "0.0.0.0", 5002)
tcp_connect("connA", l1, "127.0.0.3", 5101, "127.0.0.2")
tcp_connect("connB", l1, "127.0.0.3", 5102, "127.0.0.2")
tcp_connect("connC", l2, "127.0.0.4", 5103, "127.0.0.5")
udp("udp1", "127.0.0.6", 6001)
udp("udp2", "127.0.0.6", 6002, ("127.0.0.7", 6003))
udp("udp3", "127.0.0.9", 6009)

with open(out_path + ".tmp", "w") as f:
    for name, proto, state, s in socks:
        laddr, lport = s.getsockname()
        try:
            raddr, rport = s.getpeername()
        except OSError:
            raddr, rport = "0.0.0.0", 0
        f.write(f"{name} {proto} {state} {laddr} {lport} {raddr} {rport} "
                f"{os.fstat(s.fileno()).st_ino}\n")
os.rename(out_path + ".tmp", out_path)


def status(signum, frame):
    lines = []
    for name, proto, state, s in socks:
        if state != "established":
            continue
        try:
            data = s.recv(1, socket.MSG_DONTWAIT | socket.MSG_PEEK)
            word = "closed" if data == b"" else "alive"
        except BlockingIOError:
            word = "alive"
        except ConnectionResetError:
            word = "reset"
        except ConnectionAbortedError:
            word = "aborted"
        except OSError as e:
            word = errno.errorcode.get(e.errno, str(e.errno))
        lines.append(f"{name} {word}\n")
    with open(status_path + ".tmp", "w") as f:
        f.writelines(lines)
    os.rename(status_path + ".tmp", status_path)


signal.signal(signal.SIGUSR1, status)
while True:
    time.sleep(3600)
