#!/usr/bin/env python3
"""The kernel-verdict matrix of the IPv6 tunables (sysctl6.sh).

For every writable, world-readable file below /proc/sys/net/ipv6 of the
running kernel (one device, ipstkA, for the per-device ones), a set of
texts is written twice: over SNMP (snmpset on ipstackSysctlValue, in the
test's namespace, through the agent under test) and straight into the same
file of a fresh network namespace holding the same veth device.  The
kernel's verdict and the text the file then shows are the expectation; the
SNMP side must agree, write nothing when it refuses, and show what the
kernel shows when it accepts.

  sysctl_matrix.py rows WRITABLE_WALK HANDLER_WALK DENIED...
      every writable entry of the kernel (all devices) is a row with a known
      handler (not unknown(1)), writable unless DENIED lists it.
  sysctl_matrix.py run DIR PORT [SAMPLE]
      DIR holds snmpwalk -On output of ipstackSysctlMin/Max/Handler
      (min.txt, max.txt, handler.txt): the handler chooses texts and the
      bounds add their edges; SAMPLE n tries every n-th tunable only (the
      sanitizer and module passes).  DIR also takes scratch files.
  sysctl_matrix.py oracle CASES.json
      (inside `unshare -n`) the kernel's verdicts, as JSON on stdout.
"""
import json
import os
import re
import subprocess
import sys

SYS6 = "/proc/sys/net/ipv6"
ENTRY = ".1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1"
DEVICE = "ipstkA"
# Entries whose conf/all and conf/default copies act on other files
# (net/ipv6/addrconf.c): tried there too.
ALL_TOO = {"forwarding", "addr_gen_mode", "mtu", "force_forwarding",
           "ignore_routes_with_linkdown"}

# Texts every tunable gets: in range, negative, beyond 32 bits, huge,
# non-numeric, empty, extra fields, other bases, a sign, white space.
COMMON = ["1", "0", "-1", "", "abc", "1 2", "0x10", "+5", "7\n", " 3", "2147483648",
          "-2147483649", "99999999999999999999"]
# More by ipstackSysctlHandler: the edges of each type and unit conversion
# (jiffies: INT_MAX / HZ seconds; userhz: a long's range in 1/100 s).
BY_HANDLER = {
    2: ["2147483647", "-2147483648"],                      # intvec
    3: ["2147483647", "-2147483648"],                      # intvecMinmax
    4: ["4294967295", "4294967296"],                       # uintvec
    5: ["4294967295", "4294967296"],                       # uintvecMinmax
    6: ["255", "256"],                                     # u8vecMinmax
    7: ["8589934", "8589935", "-8589935", "1s"],           # jiffies
    8: ["2147483647", "4294967295", "1000ms"],             # msJiffies
    9: ["17179870", "9223372036854775807"],                # userhzJiffies
    10: ["18446744073709551615", "18446744073709551616"],  # ulongvecMinmax
    16: ["1-3,5", "0-256", "255", "3-1", "1,"],            # largeBitmap
    17: ["1279", "1280", "1500", "1501", "65536"],         # ipv6Mtu
    18: ["2", "3", "4", "4294967296"],                     # addrGenMode
}

def tunables(every_device=False):
    """The writable entries of the running kernel, one device per template."""
    out = []
    for root, _dirs, files in os.walk(SYS6):
        for f in files:
            full = os.path.join(root, f)
            rel = os.path.relpath(full, SYS6)
            mode = os.stat(full).st_mode
            if not mode & 0o200 or not mode & 0o004:
                continue  # read-only, secret (0600) or write-only (0200)
            parts = rel.split("/")
            if parts[0] in ("conf", "neigh") and not every_device:
                dev = parts[1]
                if dev != DEVICE and not (
                        parts[0] == "conf" and dev in ("all", "default")
                        and parts[2] in ALL_TOO):
                    continue
            out.append(rel)
    return sorted(out)


def column(walk_file, syntax="STRING"):
    """path -> integer value, from snmpwalk -On output of a column."""
    found = {}
    for line in open(walk_file, encoding="utf-8", errors="replace"):
        m = re.match(r"^%s\.\d+\.(\d+(?:\.\d+)+) = %s: \"?(-?\d+)\"?$"
                     % (re.escape(ENTRY), syntax), line.strip())
        if not m:
            continue
        sub = [int(x) for x in m.group(1).split(".")]
        n = sub[0]
        if len(sub) != n + 1:
            continue
        found[bytes(sub[1:]).decode("latin-1")] = int(m.group(2))
    return found


def texts_for(path, lo, hi, handler):
    extra = list(BY_HANDLER.get(handler.get(path), []))
    for b in (lo.get(path), hi.get(path)):
        if b is not None:
            extra += [str(b - 1), str(b), str(b + 1)]
    seen, out = set(), []
    for t in COMMON + extra:
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


def veth():
    subprocess.run(["ip", "link", "add", DEVICE, "type", "veth", "peer", "name", "ipstkB"],
                   check=True)


def read(path):
    with open(os.path.join(SYS6, path), encoding="utf-8", errors="replace") as f:
        return f.read().rstrip("\n").replace("\t", " ")


def write(path, text):
    """One write(2) of the bytes, as the agent does; True when accepted."""
    fd = os.open(os.path.join(SYS6, path), os.O_WRONLY)
    try:
        os.write(fd, text.encode())
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def oracle(cases_file):
    veth()
    verdicts = []
    for path, text in json.load(open(cases_file, encoding="utf-8")):
        before = read(path)
        accepted = write(path, text)
        after = read(path)
        write(path, before)
        verdicts.append([accepted, before, after])
    json.dump(verdicts, sys.stdout)


def index(path):
    b = path.encode()
    return "." + ".".join(str(x) for x in [len(b)] + list(b))


def snmpset(port, path, text):
    out = subprocess.run(
        ["snmpset", "-v2c", "-c", "private", "-m", "", "-On", "-t", "5", "-r", "0",
         "127.0.0.1:%s" % port, ENTRY + ".2" + index("ipv6/" + path), "s", text],
        capture_output=True, text=True, check=False)
    m = re.search(r"^Reason: (\w+)", out.stdout + out.stderr, re.M)
    if m:
        return m.group(1)
    if "Timeout" in out.stdout + out.stderr:
        return "timeout"
    return "ok"


def rows(writable_walk, handler_walk, denied):
    writable, handler = column(writable_walk, "INTEGER"), column(handler_walk, "INTEGER")
    paths = ["ipv6/" + p for p in tunables(every_device=True)]
    bad = ["%s: ipstackSysctlHandler %s" % (p, handler.get(p)) for p in paths
           if handler.get(p, 1) == 1]
    bad += ["%s: ipstackSysctlWritable %s" % (p, writable.get(p)) for p in paths
            if writable.get(p) != (2 if p in denied else 1)]
    for line in bad[:20]:
        print("  " + line)
    print("%d writable entries of net/ipv6, %d not as expected" % (len(paths), len(bad)))
    return 1 if bad or len(paths) < 100 else 0


def run(workdir, port, walks, sample):
    lo, hi = column(walks + "/min.txt"), column(walks + "/max.txt")
    handler = column(walks + "/handler.txt", "INTEGER")
    paths = tunables()[::sample]
    cases = [[p, t] for p in paths for t in texts_for("ipv6/" + p, lo, hi, handler)]
    cases_file = os.path.join(workdir, "matrix.json")
    with open(cases_file, "w", encoding="utf-8") as f:
        json.dump(cases, f)
    kernel = json.loads(subprocess.run(
        ["unshare", "-n", sys.executable, __file__, "oracle", cases_file],
        capture_output=True, text=True, check=True).stdout)
    bad, accepted, refused, unforeseen = [], 0, 0, []
    for (path, text), (k_ok, k_before, k_after) in zip(cases, kernel):
        before = read(path)
        st = snmpset(port, path, text)
        after = read(path)
        want = before if k_after == k_before else k_after
        if k_ok:
            accepted += 1
            if st != "ok" or after != want:
                bad.append("%s <- %r: kernel accepts (%r), SNMP %s (%r)"
                           % (path, text, want, st, after))
        else:
            refused += 1
            if st == "commitFailed":
                unforeseen.append("%s <- %r" % (path, text))
            if st not in ("wrongValue", "wrongLength", "commitFailed") or after != before:
                bad.append("%s <- %r: kernel refuses, SNMP %s, file %r (was %r)"
                           % (path, text, st, after, before))
        if read(path) != before:
            write(path, before)
    for line in bad[:40]:
        print("  " + line)
    print("  refused by the kernel at the write, not by the model: "
          + (", ".join(unforeseen) or "none"))
    print("%d tunables, %d cases: %d accepted, %d refused (%d only by the kernel at the "
          "write), %d disagreements" % (len(paths), len(cases), accepted, refused,
                                         len(unforeseen), len(bad)))
    return 1 if bad or not accepted or not refused else 0


def main():
    if sys.argv[1] == "oracle":
        oracle(sys.argv[2])
        return 0
    if sys.argv[1] == "rows":
        return rows(sys.argv[2], sys.argv[3], set(sys.argv[4:]))
    return run(sys.argv[2], sys.argv[3], sys.argv[2],
               int(sys.argv[4]) if len(sys.argv) > 4 else 1)


if __name__ == "__main__":
    sys.exit(main())
