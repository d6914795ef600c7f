#!/usr/bin/env python3
"""inventory.py -- helpers of the inventory and service-map tests.

    inventory.py lines [--no-where] [--lower] [--no-subtypes] < JSON-LINES
        srvlint's --inventory --format json as short text, one node a line
        (fails on a line that is not a JSON object of a known kind)
    inventory.py dom-text FILE
        the text a browser shows of a --dump-dom document (one line)
    inventory.py dom-scripts FILE
        how many <script> elements and on* attributes the DOM holds
    inventory.py png-colors FILE
        how many distinct colours the PNG has (no library: zlib and the
        PNG filters of RFC 2083 section 6)
    inventory.py in-dom DOM-FILE < JSON-LINES
        every service, type, target, address and TXT string of an
        --inventory run, and every finding's check and message of a plain
        --format json run, is in the text the DOM shows; prints what is not
        and fails
"""
import html.parser
import json
import struct
import sys
import zlib


def lines(args):
    where = "--no-where" not in args
    lower = "--lower" in args
    subtypes = "--no-subtypes" not in args
    out = []

    def low(s):
        return s.lower() if lower and isinstance(s, str) else s

    for raw in sys.stdin:
        o = json.loads(raw)
        kind = o["kind"]
        fnd = ",".join(o["findings"]) or "-"
        if kind == "domain":
            out.append("domain %s services=%d types=%d findings=%s" % (
                low(o["domain"]), o["services"], o["types"], fnd))
        elif kind == "type":
            sub = ",".join(o["subtypes"]) if subtypes else "?"
            out.append("type %s %s/%s subtypes=%s instances=%d findings=%s" % (
                low(o["owner"]), o["service"], o["proto"], sub or "-",
                o["instances"], fnd))
        elif kind == "service":
            at = " %s:%d" % (o["file"], o["line"]) if where and "file" in o else ""
            inst = "" if o["instance"] is None else " instance=%s" % json.dumps(low(o["instance"]), ensure_ascii=False)
            out.append("service %s %s %s/%s%s%s findings=%s" % (
                low(o["owner"]), o["type"], o["service"], o["proto"], inst, at, fnd))
            for t in o["targets"]:
                if "uri" in t:
                    out.append("  uri %s priority=%d weight=%d" % (
                        json.dumps(t["uri"]), t["priority"], t["weight"]))
                    continue
                out.append("  target %s port=%d priority=%d weight=%d%s addresses=%s" % (
                    low(t["target"]), t["port"], t["priority"], t["weight"],
                    " via-cname" if t["via_cname"] else "",
                    ",".join(t["addresses"]) or "-"))
            if o["txt"]:
                out.append("  txt " + " ".join(json.dumps(s, ensure_ascii=False) for s in o["txt"]))
        else:
            raise SystemExit("unknown kind %r" % kind)
    sys.stdout.write("".join(l + "\n" for l in out))


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.scripts = 0
        self.handlers = 0

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        self.handlers += sum(1 for k, _ in attrs if k.startswith("on"))
        self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def parse(path):
    p = Text()
    with open(path, encoding="utf-8", errors="replace") as f:
        p.feed(f.read())
    return p


def png_colors(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("%s: not a PNG" % path)
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6):
        raise SystemExit("%s: not 8-bit RGB(A)" % path)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    colors = set()
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        for i in range(0, stride, bpp * 7):	# every 7th pixel is plenty
            colors.add(bytes(line[i:i + 3]))
        prev = line
    return len(colors)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "lines":
        lines(args)
    elif cmd == "dom-text":
        print(" ".join("".join(parse(args[0]).parts).split()))
    elif cmd == "dom-scripts":
        p = parse(args[0])
        print(p.scripts + p.handlers)
    elif cmd == "png-colors":
        print(png_colors(args[0]))
    elif cmd == "in-dom":
        text = " ".join("".join(parse(args[0]).parts).split())
        want, missing = 0, []
        for raw in sys.stdin:
            o = json.loads(raw)
            kind = o.get("kind")
            if kind is None:
                need = [o["check"], " ".join(o["message"].split())]
            elif kind == "service":
                need = [o["owner"]] + [t.get("target") or t["uri"] for t in o["targets"]]
                need += [a for t in o["targets"] for a in t.get("addresses", [])]
                need += o["txt"] + o["findings"]
                if o["instance"] is not None:
                    need.append(o["instance"])
            elif kind == "type":
                need = [o["owner"]] + o["subtypes"] + o["findings"]
            else:
                need = [o["domain"]] + o["findings"]
            for n in need:
                want += 1
                if " ".join(n.split()) not in text:
                    missing.append(n)
        for n in missing:
            print("not in the page: %r" % n)
        if missing or want == 0:
            sys.exit(1)
        print(want)
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main()
