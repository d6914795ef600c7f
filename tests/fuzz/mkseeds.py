#!/usr/bin/env python3
"""Writes the hand-made seed corpora of tests/fuzz/corpus/ (run from the
source tree; the output is checked in, so `make check` needs no python).

  answer/    DNS answers as servers send them: valid SRV/URI/PTR/TXT/CNAME
             answers, and broken ones (truncated, compression loops,
             wrong counts, bad RDLENGTH, error RCODEs, QR clear, TC set)
  zone/      zones/ and hand-made zones for the reader's edge cases
  svcname/   service labels: registered, aliases, legacy, broken
  request/   tests/requests/*.req and broken requests
  registry/  slices of data/service-names-port-numbers.xml, the CSV slice,
             and broken XML/CSV

Usage: tests/fuzz/mkseeds.py [SRCDIR]
"""
import os
import re
import shutil
import struct
import sys

top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
out = os.path.join(top, 'tests', 'fuzz', 'corpus')


def put(harness, name, data):
    d = os.path.join(out, harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('latin-1')
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


# --- DNS wire -------------------------------------------------------------
T = dict(A=1, NS=2, CNAME=5, SOA=6, PTR=12, TXT=16, AAAA=28, SRV=33, OPT=41, URI=256)


def name(n):
    if isinstance(n, bytes):
        return n
    if n in ('.', ''):
        return b'\0'
    b = b''
    for lab in n.rstrip('.').split('.'):
        lab = lab.encode('latin-1')
        b += bytes([len(lab)]) + lab
    return b + b'\0'


def rr(owner, typ, rdata, cls=1, ttl=300, rdlen=None):
    t = T[typ] if isinstance(typ, str) else typ
    return name(owner) + struct.pack('>HHIH', t, cls, ttl,
                                     len(rdata) if rdlen is None else rdlen) + rdata


def srv(prio, weight, port, target):
    return struct.pack('>HHH', prio, weight, port) + name(target)


def txt(*strings):
    b = b''
    for s in strings:
        s = s.encode('latin-1') if isinstance(s, str) else s
        b += bytes([len(s)]) + s
    return b


def pkt(qname, qtype, answers=(), rcode=0, qr=1, tc=0, aa=1, counts=None,
        authority=(), additional=()):
    flags = (qr << 15) | (aa << 10) | (tc << 9) | (1 << 8) | (1 << 7) | rcode
    qd = 1 if qname is not None else 0
    c = counts or (qd, len(answers), len(authority), len(additional))
    h = struct.pack('>HHHHHH', 0x1234, flags, *c)
    q = name(qname) + struct.pack('>HH', T[qtype], 1) if qname is not None else b''
    return h + q + b''.join(answers) + b''.join(authority) + b''.join(additional)


D = 'example.com'
ans = {}
s = '_http._tcp.' + D
ans['srv-ok'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 5, 80, 'www.' + D)),
                               rr(s, 'SRV', srv(1, 0, 8080, 'www2.' + D))])
ans['srv-dot-mixed'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 0, '.')),
                                      rr(s, 'SRV', srv(0, 0, 80, 'www.' + D))])
ans['srv-port0'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 0, 'www.' + D))])
w = '_www._tcp.' + D
ans['srv-alias'] = pkt(w, 'SRV', [rr(w, 'SRV', srv(0, 0, 80, '_bad_.host.' + D))])
ans['srv-ip-target'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, '192.0.2.1'))])
ans['srv-short-rdata'] = pkt(s, 'SRV', [rr(s, 'SRV', b'\0\1\0')])
ans['srv-rdlen-long'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, 'a.' + D), rdlen=200)])
ans['srv-rdlen-short'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, 'a.' + D), rdlen=7)])
u = '_http._tcp.' + D
ans['uri'] = pkt(u, 'URI', [rr(u, 'URI', struct.pack('>HH', 10, 1) + b'https://www.example.com/'),
                            rr(u, 'URI', struct.pack('>HH', 10, 1) + b'')])
ans['uri-binary'] = pkt(u, 'URI', [rr(u, 'URI', struct.pack('>HH', 1, 1) + b'\x1b[31m\x00\xff')])
e = '_services._dns-sd._udp.' + D
ans['dnssd-enum'] = pkt(e, 'PTR', [rr(e, 'PTR', name('_ipp._tcp.' + D)),
                                   rr(e, 'PTR', name('_http._tcp.' + D)),
                                   rr(e, 'PTR', name('_sip._tls.' + D)),
                                   rr(e, 'PTR', name('_bad name._tcp.' + D))])
t = '_ipp._tcp.' + D
inst = b'\x0eOffice Printer' + name(t)
ans['dnssd-type'] = pkt(t, 'PTR', [rr(t, 'PTR', inst),
                                   rr(t, 'PTR', b'\x05a\x00b\x1b\xff' + name(t))])
ans['dnssd-instance-srv'] = pkt(inst, 'SRV', [rr(inst, 'SRV', srv(0, 0, 631, 'printer.' + D))])
ans['dnssd-instance-txt'] = pkt(inst, 'TXT', [rr(inst, 'TXT', txt('txtvers=1', 'rp=ipp/print', 'ty=Laser',
                                                                 '=nokey', 'Color', 'dup=1', 'DUP=2',
                                                                 'averyveryverylongkeyname=1', ''))])
ans['dnssd-instance-txt-big'] = pkt(inst, 'TXT', [rr(inst, 'TXT', txt(*(['k%d=' % i + 'x' * 200 for i in range(8)])))])
ans['dnssd-instance-txt-binary'] = pkt(inst, 'TXT', [rr(inst, 'TXT', txt(b'key=\x00\x01\xff', b'\x1b]0;pwn\x07', b'k\xc3\xa9y=v'))])
ans['dnssd-instance-txt-empty'] = pkt(inst, 'TXT', [rr(inst, 'TXT', b'')])
b_ = 'b._dns-sd._udp.' + D
ans['dnssd-browse'] = pkt(b_, 'PTR', [rr(b_, 'PTR', name(D)), rr(b_, 'PTR', name('other.test'))])
ans['dnssd-subtype'] = pkt('_printer._sub.' + t, 'PTR', [rr('_printer._sub.' + t, 'PTR', inst)])
# CNAME chains
tg = 'www.' + D
ans['cname-chain'] = pkt(tg, 'A', [rr(tg, 'CNAME', name('web.' + D)), rr('web.' + D, 'CNAME', name('web2.' + D)),
                                   rr('web2.' + D, 'A', bytes([192, 0, 2, 1]))])
ans['cname-loop'] = pkt(tg, 'A', [rr(tg, 'CNAME', name('web.' + D)), rr('web.' + D, 'CNAME', name(tg))])
ans['cname-srv'] = pkt(s, 'SRV', [rr(s, 'CNAME', name('_x._tcp.' + D)), rr('_x._tcp.' + D, 'SRV', srv(0, 0, 1, tg))])
ans['aaaa'] = pkt(tg, 'AAAA', [rr(tg, 'AAAA', bytes(16)), rr(tg, 'AAAA', bytes(15))])
ans['a-wrong-len'] = pkt(tg, 'A', [rr(tg, 'A', b'\1\2\3')])
ans['other-name'] = pkt(s, 'SRV', [rr('evil.test', 'SRV', srv(0, 0, 1, 'x.test')), rr(s, 'TXT', txt('x'))])
ans['class-ch'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, tg), cls=3)])
ans['unknown-type'] = pkt(s, 'SRV', [rr(s, 65280, b'\xde\xad\xbe\xef')])
ans['soa'] = pkt(D, 'SOA', [rr(D, 'SOA', name('ns.' + D) + name('host.' + D) + struct.pack('>IIIII', 1, 2, 3, 4, 5))])
ans['nxdomain'] = pkt(s, 'SRV', rcode=3)
ans['servfail'] = pkt(s, 'SRV', rcode=2)
ans['refused'] = pkt(s, 'SRV', rcode=5)
ans['rcode15'] = pkt(s, 'SRV', rcode=15)
ans['qr-clear'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, tg))], qr=0)
ans['tc-set'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, tg))], tc=1)
ans['nodata'] = pkt(s, 'SRV', authority=[rr(D, 'SOA', name('ns.' + D) + name('h.' + D) + bytes(20))])
ans['no-question'] = pkt(None, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, tg))])
ans['counts-too-big'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, tg))], counts=(1, 65535, 0, 0))
ans['counts-qd-many'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, tg))], counts=(65535, 1, 0, 0))
ans['counts-too-small'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, tg)), rr(s, 'SRV', srv(0, 0, 81, tg))],
                              counts=(1, 1, 0, 0))
full = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, tg)), rr(s, 'SRV', srv(1, 0, 81, tg))])
ans['truncated-header'] = full[:7]
ans['truncated-question'] = full[:20]
ans['truncated-rr'] = full[:len(full) - 5]
ans['truncated-rdata'] = full[:len(full) - 1]
ans['empty'] = b''
# compression: the question name at offset 12
cq = pkt(s, 'SRV') + b'\xc0\x0c' + struct.pack('>HHIH', 33, 1, 60, 8) + struct.pack('>HHH', 0, 0, 80) + b'\xc0\x0c'
ans['compressed'] = cq[:6] + b'\x00\x01' + cq[8:]
hdr = struct.pack('>HHHHHH', 1, 0x8180, 1, 1, 0, 0)
ans['compress-loop-self'] = hdr + b'\xc0\x0c' + struct.pack('>HH', 33, 1)
ans['compress-loop-pair'] = hdr + b'\x01a\xc0\x12' + struct.pack('>HH', 33, 1) + b'\x01b\xc0\x0c' + struct.pack('>HHIH', 33, 1, 0, 0)
ans['compress-forward'] = hdr + b'\xc0\x20' + struct.pack('>HH', 33, 1) + bytes(20) + name(s)
ans['compress-past-end'] = hdr + b'\xc0\xff' + struct.pack('>HH', 33, 1)
ans['compress-in-rdata-loop'] = (pkt(s, 'SRV', counts=(1, 1, 0, 0)) + b'\xc0\x0c' +
                                 struct.pack('>HHIH', 33, 1, 60, 8) + struct.pack('>HHH', 0, 0, 80) + b'\xc0\x37')
ans['label-64'] = hdr + b'\x40' + b'a' * 64 + b'\0' + struct.pack('>HH', 33, 1)
ans['label-type-01'] = hdr + b'\x41a\0' + struct.pack('>HH', 33, 1)
long_name = ('a' * 63 + '.') * 3 + 'a' * 61
ans['name-255'] = pkt(long_name, 'SRV', [rr(long_name, 'SRV', srv(0, 0, 1, long_name))])
ans['name-256'] = hdr + (b'\x3f' + b'a' * 63) * 4 + b'\0' + struct.pack('>HH', 33, 1)
ans['labels-binary'] = pkt(b'\x05_h\x00t\x01\x04_tcp' + name(D), 'SRV',
                           [rr(b'\x05_h\x00t\x01\x04_tcp' + name(D), 'SRV', srv(0, 0, 1, b'\x03a.b\x02\xff\x1b' + name(D)))])
ans['labels-dot-space'] = pkt(b'\x05_a.b \x04_tcp' + name(D), 'SRV',
                              [rr(b'\x05_a.b \x04_tcp' + name(D), 'SRV', srv(0, 0, 1, tg))])
ans['opt-edns'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(0, 0, 80, tg))],
                      additional=[b'\0' + struct.pack('>HHIH', 41, 1232, 0, 4) + b'\0\x0a\0\0'])
ans['many-srv'] = pkt(s, 'SRV', [rr(s, 'SRV', srv(i, i, i, 't%d.%s' % (i, D))) for i in range(40)])
for k, v in ans.items():
    put('answer', k, v)

# --- probe: answer bodies for fuzz_probe (see fuzz_probe.c) -----------------
Q = b'\xc0\x0c'   # the question's name


def body(flags, records, an=None, ns=0, ar=0):
    return struct.pack('>HHHH', flags, len(records) if an is None else an, ns, ar) + b''.join(records)


def brr(owner, typ, rdata, cls=1):
    t = T[typ] if isinstance(typ, str) else typ
    return owner + struct.pack('>HHIH', t, cls, 60, len(rdata)) + rdata


ex = name('example.com')
probe = {
    'srv': body(0x8400, [brr(Q, 'SRV', struct.pack('>HHH', 0, 0, 80) + b'\x03www' + ex)]),
    'srv-targets-grow': body(0x8400, [brr(Q, 'SRV', struct.pack('>HHH', 0, 0, 80) + b'\x01t' + Q),
                                      brr(Q, 'SRV', struct.pack('>HHH', 1, 0, 81) + b'\x01u' + Q)]),
    'srv-dot': body(0x8400, [brr(Q, 'SRV', struct.pack('>HHH', 0, 0, 0) + b'\0'),
                             brr(Q, 'SRV', struct.pack('>HHH', 0, 0, 80) + b'\x01h' + ex)]),
    'ptr-types-grow': body(0x8400, [brr(Q, 'PTR', b'\x05_http\x04_tcp' + Q), brr(Q, 'PTR', b'\x04_ipp\x04_tcp' + Q)]),
    'ptr-instance': body(0x8400, [brr(Q, 'PTR', b'\x0eOffice Printer' + Q)]),
    'all-types': body(0x8400, [brr(Q, 'SRV', struct.pack('>HHH', 0, 0, 631) + b'\x01p' + ex),
                               brr(Q, 'PTR', b'\x01i' + Q),
                               brr(Q, 'TXT', txt('txtvers=1', '=x', 'k\x00ey=\x1b', 'a' * 200)),
                               brr(Q, 'A', bytes([192, 0, 2, 1])),
                               brr(Q, 'AAAA', bytes(16)),
                               brr(Q, 'URI', struct.pack('>HH', 1, 1) + b'https://x/'),
                               brr(Q, 'SOA', name('ns') + name('h') + bytes(20))]),
    'cname-chain': body(0x8400, [brr(Q, 'CNAME', b'\x01a' + Q)]),
    'cname-self': body(0x8400, [brr(Q, 'CNAME', Q)]),
    'cname-then-srv': body(0x8400, [brr(Q, 'CNAME', b'\x01c' + ex),
                                    brr(b'\x01c' + ex, 'SRV', struct.pack('>HHH', 0, 0, 1) + b'\x01h' + ex)]),
    'txt-binary': body(0x8400, [brr(Q, 'TXT', txt(b'\x00\x01\x02', b'\xff' * 40, b'=', b'k=' + b'\x7f' * 10))]),
    'labels-binary': body(0x8400, [brr(Q, 'PTR', b'\x05a\x00b\x1b\xff' + Q), brr(Q, 'SRV', struct.pack('>HHH', 0, 0, 1) + b'\x03\x1b[J' + Q)]),
    'nxdomain': body(0x8403, []),
    'servfail': body(0x8402, []),
    'refused': body(0x8405, []),
    'tc': body(0x8600, []),
    'nodata': body(0x8400, [], ns=1) + brr(ex, 'SOA', name('ns') + name('h') + bytes(20)),
    'referral': body(0x8000, [], ns=1) + brr(ex, 'NS', name('ns.example.net')),
    'counts-too-big': body(0x8400, [brr(Q, 'SRV', struct.pack('>HHH', 0, 0, 80) + b'\x01h' + ex)], an=200),
    'pointer-loop': body(0x8400, [b'\xc0\x14' + struct.pack('>HHIH', 33, 1, 60, 2) + b'\xc0\x14']),
    'pointer-past-end': body(0x8400, [brr(b'\xc3\xff', 'SRV', b'')]),
    'short': b'\x84\x00\x00',
    'empty': b'',
}
for k, v in probe.items():
    put('probe', k, v)

# --- zones ----------------------------------------------------------------
zones = {
    'include-ok': '$INCLUDE inc.zone\n_x._tcp IN SRV 0 0 1 www\n',
    'include-origin': '$INCLUDE inc.zone other.test.\n@ IN A 192.0.2.1\n',
    'include-loop': '$ORIGIN example.com.\n$INCLUDE zone.zone\n',
    'include-outside': '$INCLUDE /etc/passwd\n$INCLUDE ../../etc/passwd\n$INCLUDE "inc.zone"\n$INCLUDE\n$INCLUDE missing.zone\n',
    'origin-relative': '$ORIGIN sub\n_http._tcp IN SRV 0 0 80 www\n$ORIGIN .\n$ORIGIN a..b.\n$ORIGIN\n',
    'ttl': '$TTL 1h\n$TTL 4294967296\n$TTL -1\n$TTL\n$TTL 99999999999999999999\na 1w2d IN A 192.0.2.1\n',
    'soa-first': '@ IN SOA ns host ( 1 2 3 4 5 )\n_http._tcp IN SRV 0 0 80 www\nwww IN A 192.0.2.1\n',
    'parens': '_sip._udp IN SRV ( 10 ; prio\n  20 ; weight\n  5060 ; port\n  sip ) ; target\nsip IN A 192.0.2.2\n',
    'parens-unbalanced': '_sip._udp IN SRV ( 10 20 5060 sip\nx IN A 192.0.2.3\n)) ( ( (\n',
    'quote-unterminated': 'i._http._tcp IN TXT "abc\n_x._tcp IN SRV 0 0 1 x\n',
    'quote-escapes': 'i._http._tcp IN TXT "a\\"b" "\\000\\255\\256\\1" "c\\\\" "\\\n"\n',
    'owner-escapes': 'a\\000b IN A 192.0.2.1\n\\_www._tcp IN SRV 0 0 80 @\n_w\\.w._tcp IN SRV 0 0 80 @\n\\999 IN A 1.2.3.4\n',
    'control-bytes': 'a\x00b IN A 192.0.2.1\n_x._tcp IN SRV 0 0 1 \x1b[2J\n; comment \x00\x1b ok\nb IN TXT "\x07\x7f\xff"\n',
    'crlf': '_http._tcp IN SRV 0 0 80 www\r\nwww IN A 192.0.2.1\r\n',
    'cr-only': '_http._tcp IN SRV 0 0 80 www\rwww IN A 192.0.2.1\r',
    'no-newline': '_http._tcp IN SRV 0 0 80 www',
    'bom': '\xef\xbb\xbf_http._tcp IN SRV 0 0 80 www\n',
    'suppress': ('_minecraft._tcp IN SRV 0 5 25565 mc ; srvlint-disable name-unregistered\n'
                 '_x._tcp IN SRV 0 0 0 mc ; srvlint-disable srv-port-zero,name-unregistered srv-target-no-address\n'
                 '_y._tcp IN SRV 0 0 1 mc ; srvlint-disable no-such-check,,, ,\n'
                 '_z._tcp IN SRV (\n 0 0 1 mc ; srvlint-disable name-unregistered\n)\n'),
    'srv-ranges': ('_a._tcp IN SRV 99999999 0 0 x\n_b._tcp IN SRV 0 65536 1 x\n_c._tcp IN SRV 0 0 -1 x\n'
                   '_d._tcp IN SRV 0 0 80\n_e._tcp IN SRV 0 0 80 x y\n_f._tcp IN SRV 0x10 0 80 x\n'),
    'blank-owner': '_http._tcp IN SRV 0 0 80 www\n           IN SRV 1 0 80 www2\n\tIN TXT "x"\n',
    'classes-types': ('a CH A 1.2.3.4\nb IN TYPE65280 \\# 2 abcd\nc IN \\# 0\nd 300 IN URI 10 1 "https://x/"\n'
                      '_e._tcp IN URI 10 1 "x"\nf IN TLSA 3 1 1 abcd\n_443._tcp IN TLSA 3 1 1 abcd\n'
                      '_25._tcp.mail IN TLSA 3 1 1 abcd\n_dmarc IN TXT "v=DMARC1"\n_acme-challenge IN TXT "x"\n'),
    'dnssd': ('b._dns-sd._udp IN PTR @\n_services._dns-sd._udp IN PTR _ipp._tcp\n_services._dns-sd._udp IN PTR _nope._tcp\n'
              '_ipp._tcp IN PTR P\\032Q._ipp._tcp\n_ipp._tcp IN PTR Lost._ipp._tcp\nP\\032Q._ipp._tcp IN SRV 0 0 631 pr\n'
              'P\\032Q._ipp._tcp IN TXT "txtvers=1" "=x" "a" "A=1" "a=2"\npr IN CNAME real\nreal IN A 192.0.2.9\n'
              '_x._sub._ipp._tcp IN PTR P\\032Q._ipp._tcp\nbad\\255\\000._ipp._tcp IN SRV 0 0 1 pr\n'),
    'txt-big': 'i._http._tcp IN SRV 0 0 80 h\ni._http._tcp IN TXT ' + ' '.join('"k%d=%s"' % (i, 'v' * 250) for i in range(8)) + '\nh IN A 192.0.2.1\n',
    'long-labels': ('a' * 63 + '.') * 3 + 'a' * 61 + '. IN A 1.2.3.4\n' + ('b' * 64) + ' IN A 1.2.3.4\n' + ('c' * 63 + '.') * 5 + ' IN A 1.2.3.4\n',
    'record-cap': 'x IN TXT ' + '"' + 'a' * 255 + '" ' * 1 + ('"' + 'b' * 250 + '" ') * 270 + '\n_http._tcp IN SRV 0 0 80 www\n',
    'directives': '$GENERATE 1-10 a$ IN A 1.2.3.$\n$FOO\n$ORIGIN\n$INCLUDE inc.zone a b c\n',
    'at-no-origin': '$ORIGIN .\n@ IN A 1.2.3.4\n',
    'mixed-case': '_HTTP._TCP.Example.COM. IN SRV 0 0 80 WWW.example.com.\nwww.EXAMPLE.com. IN A 192.0.2.1\n',
    'target-cname': '_http._tcp IN SRV 0 0 80 alias\nalias IN CNAME www\nwww IN A 192.0.2.1\n_h2._tcp IN SRV 0 0 80 .\n_h2._tcp IN SRV 0 0 80 www\n',
    'empty': '',
    'only-comments': '; nothing\n;\n   \n\t\n',
}
for k, v in zones.items():
    put('zone', k + '.zone', v)
for d in ('zones', 'zones/live', 'tests/zones-bad'):
    p = os.path.join(top, d)
    if os.path.isdir(p):
        for f in sorted(os.listdir(p)):
            if f.endswith('.zone'):
                with open(os.path.join(p, f), 'rb') as fp:
                    put('zone', 'z-' + f, fp.read())

# --- service labels --------------------------------------------------------
labels = ['www', 'http', 'https', 'sql*net', 'z39.50', 'whois++', 'exp1', 'exp2', 'ldap', 'ldap.sctp',
          'sip', 'sip.tls', 'sips.tcp', 'xmpp-client', 'xmpp-server.udp', 'gc.tcp', 'kerberos.udp',
          'minecraft', 'minecraft.tcp', 'matrix.tcp', 'fuzz-allowed', '', '-a', 'a-', 'a--b', '1234',
          '1234-5678', 'abcdefghijklmnop', 'abcdefghijklmno', 'WWW', 'Http.TCP', 'ha\x00ha', '\x1b[31mred',
          '\xff\xfe', 'caf\xc3\xa9', 'a b', '_http', 'a_b', 'msdcs', 'sites', 'dns-sd.udp', 'services',
          'printer', 'ipp.tcp', 'ipp.dccp', 'ntp.tcp', '.', '..', 'tcp.', 'a.b.c']
for i, l in enumerate(labels):
    put('svcname', '%02d' % i, l)
kb = os.path.join(top, 'data', 'defacto.tsv')
if os.path.exists(kb):
    for i, line in enumerate(l for l in open(kb) if l.strip() and not l.startswith('#')):
        f = line.rstrip('\n').split('\t')
        if len(f) >= 2:
            put('svcname', 'kb-%02d' % i, f[0].lstrip('_') + ('.' + f[1].lstrip('_') if f[1] not in ('', '*') else ''))

# --- requests --------------------------------------------------------------
rq = os.path.join(top, 'tests', 'requests')
if os.path.isdir(rq):
    for f in sorted(os.listdir(rq)):
        with open(os.path.join(rq, f), 'rb') as fp:
            put('request', f, fp.read())
good = open(os.path.join(rq, 'spec-example.req'), encoding='latin-1').read() if os.path.exists(os.path.join(rq, 'spec-example.req')) else 'Service Name: zq-telemetry\n'
reqs = {
    'crlf': good.replace('\n', '\r\n'),
    'nul-bytes': good.replace('Telemetry', 'Tele\x00metry').replace('zq-telemetry', 'zq\x00x'),
    'control-bytes': good.replace('Telemetry', '\x1b[2J\x07'),
    'bom': '\xef\xbb\xbf' + good,
    'continuation-first': '   continued before any field\n' + good,
    'long-value': 'Description: ' + 'x' * 20000 + '\n' + good,
    'many-ports': 'Service Name: a\nTransport Protocol(s): TCP, UDP, SCTP, DCCP, tcp, ,,, QUIC\nPort Number: 1-65535\nPort Number: 70000\nPort Number: 0x50\nPort Number: -1\n',
    'service-codes': 'Service Code: SC:ab \nService Code: SC=x3F000000\nService Code: SC=4294967296\nService Code: SC:\nService Code: SC:abcde\nService Code: 99999999999999999999\n',
    'no-colon': 'Service Name zq\nTransport Protocol(s) TCP\n:\n::\n: value\n',
    'only-comments': '# nothing\n\n   # indented\n',
    'empty': '',
}
for k, v in reqs.items():
    put('request', 'x-' + k, v)

# --- registry --------------------------------------------------------------
xml = open(os.path.join(top, 'data', 'service-names-port-numbers.xml'), encoding='utf-8').read()
first = xml.index('<record')
head = xml[:first]
records = re.findall(r'  <record.*?</record>\n', xml, re.S)
tail = '</registry>\n'


def pick(pred, n):
    got = [r for r in records if pred(r)]
    return got[:n]


slices = {
    'first': records[:12],
    'aliases': pick(lambda r: 'alias' in r.lower() or '<name>www</name>' in r or '<name>http</name>' in r, 10),
    'legacy': pick(lambda r: re.search(r'<name>[^<]*[^a-z0-9<-][^<]*</name>', r) is not None, 10),
    'reserved': pick(lambda r: 'De-assigned' in r or 'Reserved' in r, 8),
    'ranges': pick(lambda r: re.search(r'<number>\d+-\d+</number>', r) is not None, 8),
    'sctp-dccp': pick(lambda r: '<protocol>sctp</protocol>' in r or '<protocol>dccp</protocol>' in r, 10),
    'no-number': pick(lambda r: '<number>' not in r, 10),
    'txt-keys': pick(lambda r: 'TXT' in r or 'txtvers' in r, 6),
}
for k, recs in slices.items():
    put('registry', 'xml-' + k, head + ''.join(recs) + tail)
put('registry', 'xml-truncated', head + ''.join(records[:5])[:-40])
put('registry', 'xml-bad-entity', head + records[20].replace('<description>', '<description>&bogus; &#0; &#x110000;') + tail)
put('registry', 'xml-nested', head + '<record><record><name>a</name></record></record>' + tail)
put('registry', 'xml-garbage', '<?xml version="1.0"?>\n<registry><record><name>\x00</name><protocol>tcp</protocol><number>99999</number></record></registry>')
put('registry', 'xml-dtd-bomb', '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n<registry><record><name>&d;</name><protocol>tcp</protocol><number>1</number></record></registry>\n')
csvp = os.path.join(top, 'tests', 'data', 'registry', 'slice.csv')
if os.path.exists(csvp):
    csv = open(csvp, encoding='utf-8').read()
    put('registry', 'csv-slice', csv)
    lines = csv.splitlines(True)
    put('registry', 'csv-short', ''.join(lines[:15]))
    put('registry', 'csv-quotes', lines[0] + 'a"b,1,tcp,"unterminated\n"x""y",2,udp,"multi\nline",,,,,,,,\nwww,80,tcp,World Wide Web HTTP,,,,,,,,"This is an alias to ""http"""\n')
    put('registry', 'csv-bad-ports', lines[0] + 'a,70000,tcp,x\nb,1-0,udp,y\nc,-5,sctp,z\nd,5-,dccp,w\ne,,quic,v\nf,12,,u\n')
    put('registry', 'csv-header-only', lines[0])
trunc = os.path.join(top, 'tests', 'data', 'registry', 'truncated.xml')
if os.path.exists(trunc):
    with open(trunc, 'rb') as fp:
        put('registry', 'xml-truncated-fixture', fp.read())
put('registry', 'empty', '')
put('registry', 'bom-only', '\xef\xbb\xbf  \n')
print('seeds written to', out)
