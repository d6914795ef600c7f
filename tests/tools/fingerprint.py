#!/usr/bin/env python3
"""fingerprint.py CHECK FILE OWNER TYPE DOMAIN MESSAGE [N] -- a finding's
fingerprint, computed apart from srvlint (src/fingerprint.c) from the recipe
the tests hold it to: SHA-256 over "srvlint fingerprint 1" and the parts,
each as a byte 1, its UTF-8 bytes and a NUL, or a byte 0 when absent
("@none"); the first 16 bytes in hex.  The N-th occurrence (N > 1) is
SHA-256 of those 16 bytes and the part str(N)."""
import hashlib
import sys


def part(h, s):
    if s is None:
        h.update(b"\0")
    else:
        h.update(b"\x01" + s.encode("utf-8", "surrogateescape") + b"\0")


def fingerprint(parts, n=1):
    h = hashlib.sha256()
    for p in ["srvlint fingerprint 1"] + parts:
        part(h, p)
    d = h.digest()[:16]
    if n > 1:
        h = hashlib.sha256(d)
        part(h, str(n))
        d = h.digest()[:16]
    return d.hex()


args = [None if a == "@none" else a for a in sys.argv[1:7]]
print(fingerprint(args, int(sys.argv[7]) if len(sys.argv) > 7 else 1))
