#!/usr/bin/env python3
"""A minimal AgentX master (RFC 2741) for tests, playing a hostile one:
accepts one subagent, answers Open, Register and Ping, then sends COUNT
TestSets of ipDefaultTTL.0 := 64 and never finishes any of them.

    agentx_master.py SOCKET    then, on stdin, one count per line: send that
                               many TestSets, print "answers ERROR:COUNT ..."
                               (0 is noError); EOF ends the session
"""
import os, select, socket, struct, sys

OPEN, CLOSE, REGISTER, TESTSET, PING, RESPONSE = 1, 2, 3, 8, 13, 18
NBO = 0x10

def oid_bytes(o):
    prefix = 0
    if len(o) > 4 and o[:4] == [1, 3, 6, 1] and 0 < o[4] < 256:
        prefix, o = o[4], o[5:]
    return struct.pack('>BBBB', len(o), prefix, 0, 0) + b''.join(struct.pack('>I', x) for x in o)

class Master:
    def __init__(self, path):
        self.srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if os.path.exists(path):
            os.unlink(path)
        self.srv.bind(path)
        self.srv.listen(1)
        self.conn = None
        self.sid = 42
        self.packet = 1000

    def recv_pdu(self, timeout):
        self.conn.settimeout(timeout)
        try:
            hdr = self._read(20)
        except socket.timeout:
            return None
        ver, typ, flags, _ = hdr[:4]
        order = '>' if flags & NBO else '<'
        sid, tid, pid, plen = struct.unpack(order + 'IIII', hdr[4:])
        body = self._read(plen) if plen else b''
        return typ, flags, sid, tid, pid, body

    def _read(self, n):
        b = b''
        while len(b) < n:
            c = self.conn.recv(n - len(b))
            if not c:
                raise EOFError
            b += c
        return b

    def send(self, typ, sid, tid, pid, payload, flags=NBO):
        self.conn.sendall(struct.pack('>BBBBIIII', 1, typ, flags, 0, sid, tid, pid, len(payload)) + payload)

    def respond(self, sid, tid, pid, error=0):
        self.send(RESPONSE, sid, tid, pid, struct.pack('>IHH', 0, error, 0))

    def serve_setup(self):
        """Accept, answer until registrations are done: the subagent goes
        quiet (2 s), or pings once it has registered."""
        self.conn, _ = self.srv.accept()
        registered = 0
        while True:
            p = self.recv_pdu(2.0)
            if p is None:
                return registered
            typ, flags, sid, tid, pid, body = p
            if typ == OPEN:
                self.respond(self.sid, tid, pid)
            elif typ in (REGISTER, PING):
                registered += typ == REGISTER
                self.respond(sid, tid, pid)
                if typ == PING and registered:
                    return registered
            else:
                self.respond(sid, tid, pid)

    def testset(self, tid, name, value):
        vb = struct.pack('>HH', 2, 0) + oid_bytes(name) + struct.pack('>i', value)
        self.packet += 1
        self.send(TESTSET, self.sid, tid, self.packet, vb)
        while True:  # its answer, answering pings meanwhile
            p = self.recv_pdu(5.0)
            if p is None:
                raise SystemExit('no answer to TestSet %d' % tid)
            typ, flags, sid, ptid, pid, body = p
            if typ == RESPONSE and pid == self.packet:
                order = '>' if flags & NBO else '<'
                return struct.unpack(order + 'IHH', body[:8])[1]
            if typ != RESPONSE:  # a ping; stray responses are dropped, as snmpd does
                self.respond(sid, ptid, pid)

    def serve_pings(self):
        """Answer whatever the subagent sends (pings) while idle."""
        p = self.recv_pdu(0.5)
        if p is not None and p[0] != RESPONSE:
            typ, flags, sid, tid, pid, body = p
            self.respond(sid, tid, pid)


if __name__ == '__main__':
    m = Master(sys.argv[1])
    print('registered', m.serve_setup(), flush=True)
    tid = 100000
    while True:  # each line of stdin: how many TestSets to send next
        ready, _, _ = select.select([sys.stdin, m.conn], [], [])
        if m.conn in ready:
            m.serve_pings()
        if sys.stdin not in ready:
            continue
        line = sys.stdin.readline()
        if not line:
            break
        errors = {}
        for _ in range(int(line)):
            tid += 1
            e = m.testset(tid, [1, 3, 6, 1, 2, 1, 4, 2, 0], 64)
            errors[e] = errors.get(e, 0) + 1
        print('answers', ' '.join('%d:%d' % kv for kv in sorted(errors.items())), flush=True)
