#!/usr/bin/env python3
"""Open and hold established loopback TCP connections for the benchmark.

Usage: hold_conns.py STATUS N1 [N2 ...]

Grows to N1 established connections, writes "N1" to STATUS and waits for
SIGUSR1; then grows to N2, and so on.  Exits non-zero if it cannot reach a
count.  Run it in a private network namespace with a wide
ip_local_port_range.

Each connection costs two descriptors (both ends are ours), and a process
may hold no more than its hard RLIMIT_NOFILE, which only CAP_SYS_RESOURCE
can raise.  So the connections are spread over worker processes, each
holding what its limit allows.  Half of them are IPv6: worker w listens on
127.1.w.1-8 port 9000 and on [::1] ports 10000+8w .. 10007+8w, and
connects to itself, every other connection over IPv6 (::1 to ::1: the
eight ports give the 4-tuples room).
"""
import errno
import os
import resource
import signal
import socket
import sys
import time


def worker_loop(w, per, commands, replies):
    """Serve "grow to N" commands from the pipe until it closes."""
    listeners, dests = [], []
    for i in range(1, 9):
        for family, addr in ((socket.AF_INET, (f"127.1.{w}.{i}", 9000)),
                             (socket.AF_INET6, ("::1", 10000 + 8 * w + i - 1))):
            s = socket.socket(family, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            s.bind(addr)
            s.listen(4096)
            s.setblocking(False)
            listeners.append(s)
            dests.append((family, addr))
    clients, servers = [], []

    def accept_all():
        for s in listeners:
            while True:
                try:
                    a, _ = s.accept()
                except BlockingIOError:
                    break
                servers.append(a)

    for line in commands:
        target = int(line)
        if target > per:
            replies.write(f"fail: worker {w} asked for {target}, holds at most {per}\n")
            replies.flush()
            continue
        stalled = 0
        while len(servers) < target and stalled < 5000:
            before = len(servers)
            for _ in range(min(1000, target - len(clients))):
                family, dst = dests[len(clients) % len(dests)]  # v4, v6, v4 ...
                c = socket.socket(family, socket.SOCK_STREAM)
                c.setblocking(False)
                err = c.connect_ex(dst)
                if err not in (0, errno.EINPROGRESS):
                    replies.write(f"fail: connect {dst}: {os.strerror(err)} "
                                  f"after {len(clients)}\n")
                    replies.flush()
                    os._exit(1)
                clients.append(c)
            accept_all()
            if len(servers) == before:
                stalled += 1
                time.sleep(0.001)
            else:
                stalled = 0
        replies.write(f"{len(servers)}\n")
        replies.flush()


def start_worker(w, per):
    cmd_r, cmd_w = os.pipe()
    rep_r, rep_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(cmd_w)
        os.close(rep_r)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
        signal.signal(signal.SIGUSR1, signal.SIG_IGN)
        worker_loop(w, per, os.fdopen(cmd_r), os.fdopen(rep_w, "w"))
        os._exit(0)
    os.close(cmd_r)
    os.close(rep_w)
    return {"pid": pid, "cmd": os.fdopen(cmd_w, "w"), "rep": os.fdopen(rep_r), "held": 0}


def main():
    status_path = sys.argv[1]
    targets = [int(n) for n in sys.argv[2:]]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = 1 << 20
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    per = (hard - 100) // 2 // 1000 * 1000
    if per < 1000:
        sys.exit(f"hold_conns.py: descriptor limit {hard} is too low (ulimit -n)")

    # SIGUSR1 (next count) is taken with sigwait: blocked until then.
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
    workers = []
    for t in targets:
        need = (t + per - 1) // per
        while len(workers) < need:
            workers.append(start_worker(len(workers) + 1, per))
        left = t
        for wk in workers:
            share = min(per, left)
            left -= share
            if share <= wk["held"]:
                continue
            wk["cmd"].write(f"{share}\n")
            wk["cmd"].flush()
            reply = wk["rep"].readline().strip()
            if not reply.isdigit() or int(reply) < share:
                sys.exit(f"hold_conns.py: could not reach {t} connections: {reply or 'worker died'}")
            wk["held"] = int(reply)
        total = sum(wk["held"] for wk in workers)
        with open(status_path + ".tmp", "w") as f:
            f.write(f"{total}\n")
        os.rename(status_path + ".tmp", status_path)
        signal.sigwait([signal.SIGUSR1])


main()
