#!/usr/bin/env python3
"""Captures the bytes Kea 2.2 sends for the option-data entries of Kea's own all-options.json examples.

Takes the global option-data entries of the top space from Kea's example (kea4 or kea6 all-options.json), keeps
those Kea 2.2 accepts (kea-dhcp4/6 -t, one by one), sends them in batches with always-send (see
capture_options4.py / capture_options6.py for the network set-up) and writes JSON lines:
    {"option-def": [...]}                       (first line: the example's definitions)
    {"entry": {...option-data...}, "payload": "hex as Kea sent it"}
Usage (root): capture_examples.py 4|6 <all-options.json> <output file>
"""
import json, re, subprocess, sys

import capture_options4 as c4
import capture_options6 as c6


def strip_comments(text):
    out, i, n, in_str = [], 0, len(text), False
    while i < n:
        ch = text[i]
        if in_str:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
            out.append(ch)
        elif text.startswith("//", i) or text.startswith("#", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
            continue
        else:
            out.append(ch)
        i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


def kea_accepts(v, entry, defs):
    srv = "Dhcp4" if v == 4 else "Dhcp6"
    cfg = {srv: {"option-def": defs, "option-data": [entry], "lease-database": {"type": "memfile", "persist": False}}}
    open("/tmp/tuireg-example-check.json", "w").write(json.dumps(cfg))
    return subprocess.run(["kea-dhcp%d" % v, "-t", "/tmp/tuireg-example-check.json"], capture_output=True).returncode == 0


def main():
    v, src, outfile = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    cfg = json.loads(strip_comments(open(src).read()))["Dhcp4" if v == 4 else "Dhcp6"]
    top = "dhcp4" if v == 4 else "dhcp6"
    defs = [d for d in cfg.get("option-def", []) if d.get("space", top) != top]
    mod, workdir = (c4, "/tmp/tuireg-capture") if v == 4 else (c6, "/tmp/tuireg-capture6")
    skip = mod.SKIP
    entries = []
    for e in cfg.get("option-data", []):
        if e.get("space", top) != top or e.get("code") in skip:
            continue
        if kea_accepts(v, e, defs):
            entries.append(e)
        else:
            print("Kea 2.2 refuses:", json.dumps(e), file=sys.stderr)
    lines = [json.dumps({"option-def": defs})]
    mod.setup()
    try:
        for start in range(0, len(entries), 10):
            batch = [dict(e, **{"always-send": True}) for e in entries[start:start + 10]]
            codes = [e["code"] for e in batch]
            opts = mod.options(mod.run_batch(batch, defs, workdir, codes))
            for e in batch:
                if e["code"] in opts:
                    e = {k: val for k, val in e.items() if k != "always-send"}
                    lines.append(json.dumps({"entry": e, "payload": opts[e["code"]].hex()}))
                else:
                    print("not sent by Kea:", e.get("name"), file=sys.stderr)
    finally:
        mod.teardown()
    open(outfile, "w").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
