#!/usr/bin/env python3
"""Open and hold established loopback TCP connections for the benchmark.

Usage: hold_conns.py STATUS N1 [N2 ...]

Listens on 127.0.1.1-8 port 9000 and connects from 127.0.0.1 until N1
connections are established, writes "N1" to STATUS and waits for SIGUSR1;
then grows to N2, and so on.  Exits non-zero if it cannot reach a count.
Run it in a private network namespace with a wide ip_local_port_range.
"""
import errno
import os
import resource
import signal
import socket
import sys
import time

status_path = sys.argv[1]
targets = [int(n) for n in sys.argv[2:]]
need = 2 * targets[-1] + 1000
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if hard != resource.RLIM_INFINITY and hard < need:
    sys.exit(f"hold_conns.py: {need} descriptors needed, hard limit is {hard} (ulimit -n)")
resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))

listeners = []
for i in range(1, 9):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((f"127.0.1.{i}", 9000))
    s.listen(4096)
    s.setblocking(False)
    listeners.append(s)

clients, servers = [], []


def accept_all():
    for s in listeners:
        while True:
            try:
                a, _ = s.accept()
            except BlockingIOError:
                break
            servers.append(a)


def grow(target):
    while len(servers) < target:
        before = len(servers)
        for _ in range(min(1000, target - len(clients))):
            c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            c.setblocking(False)
            dst = (f"127.0.1.{1 + (len(clients) % 8)}", 9000)
            err = c.connect_ex(dst)
            if err not in (0, errno.EINPROGRESS):
                sys.exit(f"connect {dst}: {os.strerror(err)} after {len(clients)}")
            clients.append(c)
        accept_all()
        if len(servers) == before:
            time.sleep(0.001)


# SIGUSR1 (next count) is taken with sigwait: blocked until then.
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
for t in targets:
    grow(t)
    with open(status_path + ".tmp", "w") as f:
        f.write(f"{len(servers)}\n")
    os.rename(status_path + ".tmp", status_path)
    signal.sigwait([signal.SIGUSR1])
