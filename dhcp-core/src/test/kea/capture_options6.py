#!/usr/bin/env python3
"""Captures the option bytes Kea 2.2 really sends for option-data entries (DHCPv6).

Runs kea-dhcp6 in a private network namespace pair (tuireg6-s / tuireg6-c, removed afterwards), configures batches of
option-data entries with always-send, sends a SOLICIT with an ORO, and writes one line per option to the vector file:
    space|name|data|csv-format|hex payload as Kea sent it
Sample data is derived from the standard tables in StandardOptionTables.java (same rules as SampleData.java).
Usage (root): capture_options6.py <path to StandardOptionTables.java> <output file>
"""
import json, os, re, socket, struct, subprocess, sys, time

NS_S, NS_C = "tuireg6-s", "tuireg6-c"
SAMPLE = {"boolean": "true", "int8": "-5", "int16": "-300", "int32": "-70000", "uint8": "7", "uint16": "0x1234",
          "uint32": "4000000000", "ipv4-address": "192.0.2.1", "ipv6-address": "2001:db8::1",
          "ipv6-prefix": "2001:db8:1::/48", "psid": "3/4", "string": "some text", "tuple": "tuple text",
          "fqdn": "host.example.org.", "binary": "0a0b0c"}
SPECIAL = {"vendor-class": "4491, 0003616263", "client-fqdn": "1, host.example.org."}
# Options the server fills in or handles itself, which it does not copy from option-data.
SKIP = {1, 2, 3, 4, 5, 6, 8, 9, 13, 14, 17, 18, 19, 20, 25, 26, 39, 44, 45, 46, 47, 48, 53, 66, 67, 79, 87}


def samples(tables_java):
    src = open(tables_java).read()
    block = re.search(r'static final String DHCP6 = """(.*?)""";', src, re.S).group(1)
    out = []
    for line in block.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("~"):
            continue
        code, name, typ = line.split()[:3]
        code = int(code)
        if code in SKIP:
            continue
        arr = typ.endswith("[]")
        typ = typ[:-2] if arr else typ
        fields = typ[7:-1].split(",") if typ.startswith("record(") else ([] if typ == "empty" else [typ])
        parts = [SAMPLE[f] for f in fields] + ([SAMPLE[fields[-1]]] if arr else [])
        out.append(("dhcp6", name, code, SPECIAL.get(name, ", ".join(parts))))
    return out


def sh(*cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def setup():
    teardown()
    sh("ip", "netns", "add", NS_S)
    sh("ip", "netns", "add", NS_C)
    for ns in (NS_S, NS_C):
        sh("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0")
        sh("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0")
    sh("ip", "link", "add", "tuireg6a", "netns", NS_S, "type", "veth", "peer", "name", "tuireg6b", "netns", NS_C)
    for ns, dev in ((NS_S, "tuireg6a"), (NS_C, "tuireg6b")):
        sh("ip", "-n", ns, "link", "set", dev, "up")
        sh("ip", "-n", ns, "link", "set", "lo", "up")
    sh("ip", "-n", NS_S, "addr", "add", "2001:db8:1::1/64", "dev", "tuireg6a", "nodad")
    time.sleep(1)


def teardown():
    for ns in (NS_S, NS_C):
        sh("ip", "netns", "del", ns, check=False)


def run_batch(entries, defs, workdir, codes):
    cfg = {"Dhcp6": {
        "interfaces-config": {"interfaces": ["tuireg6a"]},
        "server-id": {"type": "LL", "persist": False},
        "lease-database": {"type": "memfile", "persist": False},
        "option-def": defs,
        "subnet6": [{"id": 1, "subnet": "2001:db8:1::/64", "interface": "tuireg6a",
                     "pools": [{"pool": "2001:db8:1::100-2001:db8:1::200"}], "option-data": entries}],
        "loggers": [{"name": "kea-dhcp6", "output_options": [{"output": workdir + "/kea6.log"}], "severity": "WARN"}]}}
    path = workdir + "/tuireg-kea6.json"
    json.dump(cfg, open(path, "w"))
    env = dict(os.environ, KEA_PIDFILE_DIR=workdir, KEA_LOCKFILE_DIR=workdir)
    kea = subprocess.Popen(["ip", "netns", "exec", NS_S, "kea-dhcp6", "-c", path, "-p", "547", "-P", "546"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        time.sleep(2.5)
        reply = subprocess.run(["ip", "netns", "exec", NS_C, sys.executable, __file__, "--client", ",".join(map(str, codes))],
                               capture_output=True, text=True, timeout=30)
        if reply.returncode != 0:
            raise RuntimeError("client failed: " + reply.stderr)
        return bytes.fromhex(reply.stdout.strip())
    finally:
        kea.terminate()
        kea.wait()


def opt(code, payload):
    return struct.pack("!HH", code, len(payload)) + payload


def client(codes):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, 25, b"tuireg6b\0")  # SO_BINDTODEVICE
    s.bind(("::", 546))
    s.settimeout(5)
    ifindex = socket.if_nametoindex("tuireg6b")
    xid = b"\x12\x34\x56"
    duid = bytes.fromhex("00030001 02005e000002".replace(" ", ""))
    oro = b"".join(struct.pack("!H", c) for c in codes)
    pkt = bytes([1]) + xid + opt(1, duid) + opt(3, struct.pack("!III", 1, 0, 0)) + opt(6, oro) + opt(8, b"\0\0")
    for _ in range(4):
        s.sendto(pkt, ("ff02::1:2", 547, 0, ifindex))
        try:
            while True:
                data, _ = s.recvfrom(65535)
                if data[0] == 2 and data[1:4] == xid:
                    print(data.hex())
                    return
        except socket.timeout:
            continue
    sys.exit("no reply")


def options(packet):
    out = {}
    i = 4
    while i + 4 <= len(packet):
        code, ln = struct.unpack("!HH", packet[i:i + 4])
        out.setdefault(code, packet[i + 4:i + 4 + ln])
        i += 4 + ln
    return out


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--client":
        client([int(c) for c in sys.argv[2].split(",")])
        return
    tables, outfile = sys.argv[1], sys.argv[2]
    workdir = "/tmp/tuireg-capture6"
    os.makedirs(workdir, exist_ok=True)
    all_samples = samples(tables)
    lines = []
    setup()
    try:
        for start in range(0, len(all_samples), 15):
            batch = all_samples[start:start + 15]
            entries = [{"name": n, "code": c, "data": d, "always-send": True} for (_, n, c, d) in batch]
            opts = options(run_batch(entries, [], workdir, [c for (_, _, c, _) in batch]))
            for (sp, n, c, d) in batch:
                if c in opts:
                    lines.append("%s|%s|%s|true|%s" % (sp, n, d, opts[c].hex()))
                else:
                    print("not sent by Kea:", n, file=sys.stderr)
        # S46 MAP-E container with a rule (holding port parameters) and a BR; a custom space in a custom option.
        defs = [{"name": "container", "code": 65000, "type": "uint16", "encapsulate": "tui-space"},
                {"name": "leaf", "code": 3, "space": "tui-space", "type": "uint16"},
                {"name": "leaf2", "code": 1, "space": "tui-space", "type": "record", "record-types": "uint8,fqdn"}]
        entries = [{"name": "s46-cont-mape", "always-send": True},
                   {"name": "s46-br", "space": "s46-cont-mape-options", "data": "2001:db8::1"},
                   {"name": "s46-rule", "space": "s46-cont-mape-options", "data": "1, 16, 24, 192.0.2.0, 2001:db8::/32"},
                   {"name": "s46-portparams", "space": "s46-rule-options", "data": "6, 3/4"},
                   {"name": "container", "data": "5", "always-send": True},
                   {"name": "leaf", "space": "tui-space", "data": "0x0102"},
                   {"name": "leaf2", "space": "tui-space", "data": "1, a.example."}]
        opts = options(run_batch(entries, defs, workdir, [94, 65000]))
        lines.append("#encapsulation " + json.dumps({"option-def": defs, "option-data": entries}))
        lines.append("dhcp6|s46-cont-mape||true|%s" % opts[94].hex())
        lines.append("dhcp6|container|5|true|%s" % opts[65000].hex())
        # The vendor option 17 carrying options of the vendor-4491 space.
        entries = [{"name": "vendor-opts", "data": "4491", "always-send": True},
                   {"name": "config-file", "space": "vendor-4491", "data": "abc", "always-send": True},
                   {"name": "tftp-servers", "space": "vendor-4491", "data": "2001:db8::1", "always-send": True}]
        opts = options(run_batch(entries, [], workdir, [17]))
        lines.append("#encapsulation " + json.dumps({"option-def": [], "option-data": entries}))
        lines.append("dhcp6|vendor-opts|4491|true|%s" % opts[17].hex())
    finally:
        teardown()
    with open(outfile, "w") as f:
        f.write("# Option payloads as Kea 2.2.0 sent them in an ADVERTISE (captured by src/test/kea/capture_options6.py)\n")
        f.write("# space|name|data|csv-format|payload hex\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
