#!/usr/bin/env python3
"""Captures the option bytes Kea 2.2 really sends for option-data entries (DHCPv4).

Runs kea-dhcp4 in a private network namespace pair (tuireg-s / tuireg-c, removed afterwards), configures batches of
option-data entries with always-send, sends a DHCPDISCOVER, and writes one line per option to the vector file:
    space|name|data|csv-format|hex payload as Kea sent it
Sample data is derived from the standard tables in StandardOptionTables.java (same rules as SampleData.java).
Usage (root): capture_options4.py <path to StandardOptionTables.java> <output file>
"""
import json, os, re, socket, struct, subprocess, sys, time

NS_S, NS_C = "tuireg-s", "tuireg-c"
SAMPLE = {"boolean": "true", "int8": "-5", "int16": "-300", "int32": "-70000", "uint8": "7", "uint16": "0x1234",
          "uint32": "4000000000", "ipv4-address": "192.0.2.1", "ipv6-address": "2001:db8::1",
          "ipv6-prefix": "2001:db8:1::/48", "psid": "3/4", "string": "some text", "tuple": "tuple text",
          "fqdn": "host.example.org.", "binary": "0a0b0c"}
# Options the server fills in or handles itself, which it does not copy from option-data.
SKIP = {1, 12, 43, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 61, 81, 82, 118, 124, 125}


def samples(tables_java):
    src = open(tables_java).read()
    block = re.search(r'static final String DHCP4 = """(.*?)""";', src, re.S).group(1)
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
        out.append(("dhcp4", name, code, ", ".join(parts)))
    return out


def sh(*cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def setup():
    teardown()
    sh("ip", "netns", "add", NS_S)
    sh("ip", "netns", "add", NS_C)
    sh("ip", "link", "add", "tuireg0", "netns", NS_S, "type", "veth", "peer", "name", "tuireg1", "netns", NS_C)
    sh("ip", "-n", NS_S, "addr", "add", "192.0.2.1/24", "dev", "tuireg0")
    for ns, dev in ((NS_S, "tuireg0"), (NS_C, "tuireg1")):
        sh("ip", "-n", ns, "link", "set", dev, "up")
        sh("ip", "-n", ns, "link", "set", "lo", "up")


def teardown():
    for ns in (NS_S, NS_C):
        sh("ip", "netns", "del", ns, check=False)


def run_batch(entries, defs, workdir, codes):
    cfg = {"Dhcp4": {
        "interfaces-config": {"interfaces": ["tuireg0"], "dhcp-socket-type": "raw"},
        "lease-database": {"type": "memfile", "persist": False},
        "option-def": defs,
        "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.100-192.0.2.200"}],
                     "option-data": entries}],
        "loggers": [{"name": "kea-dhcp4", "output_options": [{"output": workdir + "/kea4.log"}], "severity": "WARN"}]}}
    path = workdir + "/tuireg-kea4.json"
    json.dump(cfg, open(path, "w"))
    env = dict(os.environ, KEA_PIDFILE_DIR=workdir, KEA_LOCKFILE_DIR=workdir)
    kea = subprocess.Popen(["ip", "netns", "exec", NS_S, "kea-dhcp4", "-c", path, "-p", "67", "-P", "68"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        time.sleep(2.5)
        # The client side: a UDP socket on port 68 inside the client namespace, via a helper process.
        reply = subprocess.run(["ip", "netns", "exec", NS_C, sys.executable, __file__, "--client", ",".join(map(str, codes))],
                               capture_output=True, text=True, timeout=20)
        if reply.returncode != 0:
            raise RuntimeError("client failed: " + reply.stderr)
        return bytes.fromhex(reply.stdout.strip())
    finally:
        kea.terminate()
        kea.wait()


def client(codes):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    s.setsockopt(socket.SOL_SOCKET, 25, b"tuireg1\0")  # SO_BINDTODEVICE
    s.bind(("0.0.0.0", 68))
    s.settimeout(5)
    mac = bytes.fromhex("02005e000001")
    xid = 0x7475690a
    pkt = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000, b"\0" * 4, b"\0" * 4, b"\0" * 4,
                      b"\0" * 4, mac + b"\0" * 10, b"\0" * 64, b"\0" * 128)
    prl = bytes(codes)
    pkt += bytes.fromhex("63825363") + bytes([53, 1, 1, 55, len(prl)]) + prl + bytes([255])
    for _ in range(3):
        s.sendto(pkt, ("255.255.255.255", 67))
        try:
            while True:
                data, _ = s.recvfrom(4096)
                if len(data) > 240 and struct.unpack("!I", data[4:8])[0] == xid and data[0] == 2:
                    print(data.hex())
                    return
        except socket.timeout:
            continue
    sys.exit("no reply")


def options(packet):
    """Option code -> payload, with RFC 3396 concatenation of repeated codes."""
    out = {}
    i = 240
    while i < len(packet):
        code = packet[i]
        if code == 0:
            i += 1
            continue
        if code == 255:
            break
        ln = packet[i + 1]
        out[code] = out.get(code, b"") + packet[i + 2:i + 2 + ln]
        i += 2 + ln
    return out


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--client":
        client([int(c) for c in sys.argv[2].split(",")])
        return
    tables, outfile = sys.argv[1], sys.argv[2]
    workdir = "/tmp/tuireg-capture"
    os.makedirs(workdir, exist_ok=True)
    all_samples = samples(tables)
    lines = []
    setup()
    try:
        for start in range(0, len(all_samples), 12):
            batch = all_samples[start:start + 12]
            entries = [{"name": n, "code": c, "data": d, "always-send": True} for (_, n, c, d) in batch]
            opts = options(run_batch(entries, [], workdir, [c for (_, _, c, _) in batch]))
            for (sp, n, c, d) in batch:
                if c in opts:
                    lines.append("%s|%s|%s|true|%s" % (sp, n, d, opts[c].hex()))
                else:
                    print("not sent by Kea:", n, file=sys.stderr)
        # CSV edge cases: backslash escapes, quotes (not special), blanks around fields, fqdn escapes.
        edge = [("domain-name", 15, "a\\\\b"), ("merit-dump", 14, "a\\b"), ("root-path", 17, "a\\,b"),
                ("extensions-path", 18, "x'a,b'"), ("nis-domain", 40, 'x"q,r'), ("nwip-domain-name", 62, "  pad  "),
                ("domain-search", 119, "a\\065b.c, x.y"), ("v4-lost", 137, "Mixed.Case.")]
        # (Kea 2.2 mishandles an escaped dot inside a label of an fqdn list: it sends an empty option for
        # "a\\.b.c" and refuses "a\\.b.c, a\\065b.c"; Tui encodes such names as RFC 1035 says.)
        entries = [{"name": n, "code": c, "data": d, "always-send": True} for (n, c, d) in edge]
        opts = options(run_batch(entries, [], workdir, [c for (_, c, _) in edge]))
        for (n, c, d) in edge:
            lines.append("dhcp4|%s|%s|true|%s" % (n, d, opts[c].hex()))
        # Option 43 with sub-options of vendor-encapsulated-options-space, and a custom space in a custom option.
        defs = [{"name": "acs-url", "code": 1, "space": "vendor-encapsulated-options-space", "type": "string"},
                {"name": "acs-addr", "code": 2, "space": "vendor-encapsulated-options-space", "type": "ipv4-address"},
                {"name": "container", "code": 224, "type": "uint8", "encapsulate": "tui-space"},
                {"name": "leaf", "code": 3, "space": "tui-space", "type": "uint16"},
                {"name": "leaf2", "code": 1, "space": "tui-space", "type": "record", "record-types": "uint8,fqdn"}]
        entries = [{"name": "vendor-encapsulated-options", "always-send": True},
                   {"name": "acs-addr", "space": "vendor-encapsulated-options-space", "data": "192.0.2.9"},
                   {"name": "acs-url", "space": "vendor-encapsulated-options-space", "data": "http://acs.example/"},
                   {"name": "container", "data": "5", "always-send": True},
                   {"name": "leaf", "space": "tui-space", "data": "0x0102"},
                   {"name": "leaf2", "space": "tui-space", "data": "1, a.example."}]
        opts = options(run_batch(entries, defs, workdir, [43, 224]))
        lines.append("#encapsulation " + json.dumps({"option-def": defs, "option-data": entries}))
        lines.append("dhcp4|vendor-encapsulated-options||true|%s" % opts[43].hex())
        lines.append("dhcp4|container|5|true|%s" % opts[224].hex())
        # The vendor option 125 carrying options of the vendor-4491 space.
        entries = [{"name": "vivso-suboptions", "data": "4491", "always-send": True},
                   {"name": "tftp-servers", "space": "vendor-4491", "data": "192.0.2.1", "always-send": True},
                   {"name": "oro", "space": "vendor-4491", "data": "2", "always-send": True}]
        opts = options(run_batch(entries, [], workdir, [125]))
        lines.append("#encapsulation " + json.dumps({"option-def": [], "option-data": entries}))
        lines.append("dhcp4|vivso-suboptions|4491|true|%s" % opts[125].hex())
        # The vendor option alone: enterprise number and a zero data-len.
        entries = [{"name": "vivso-suboptions", "data": "4491", "always-send": True}]
        opts = options(run_batch(entries, [], workdir, [125]))
        lines.append("#encapsulation " + json.dumps({"option-def": [], "option-data": entries}))
        lines.append("dhcp4|vivso-suboptions|4491|true|%s" % opts[125].hex())
    finally:
        teardown()
    with open(outfile, "w") as f:
        f.write("# Option payloads as Kea 2.2.0 sent them in a DHCPOFFER (captured by src/test/kea/capture_options4.py)\n")
        f.write("# space|name|data|csv-format|payload hex\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
