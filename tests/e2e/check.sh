#!/bin/sh
# srvlint check: end to end on the built binary -- exit codes, the text and
# JSON forms, -j giving the same bytes, several files, standard input,
# $INCLUDE policy, and hostile input (random bytes, a 4 MB line, NUL and ESC
# bytes, a syntax error on every other line, $INCLUDE of /etc/passwd and of
# itself) that must end in exit 1 or 2 with no raw control byte written.
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"
bad_dir="$top_srcdir/tests/zones-bad"

# has FILE TEXT: FILE holds the exact line TEXT.
has() { grep -qxF -- "$2" "$1"; }

# --- ranges.zone: wrapped numbers and ldns errors, each on its first line ---
cd "$bad_dir" || exit 99
"$SRVLINT" check -q ranges.zone > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && ok || bad "ranges: rc=$rc"
cat > "$tmp/want" <<'EOF'
ranges.zone:11: error: _http._tcp.ranges.example.: SRV port 99999999 out of range 0-65535 [parse-error]
ranges.zone:12: error: _ldap._tcp.ranges.example.: SRV priority 70000 out of range 0-65535 [parse-error]
ranges.zone:13: error: _imap._tcp.ranges.example.: SRV weight -1 out of range 0-65535 [parse-error]
ranges.zone:14: error: mail.ranges.example.: MX preference 65536 out of range 0-65535 [parse-error]
ranges.zone:15: error: _443._tcp.web.ranges.example.: TLSA matching type 256 out of range 0-255 [parse-error]
ranges.zone:17: error: svc.ranges.example.: SVCB priority 65536 out of range 0-65535 [parse-error]
ranges.zone:18: error: _ftp._tcp.ranges.example.: URI weight 99999 out of range 0-65535 [parse-error]
ranges.zone:19: error: ttl.ranges.example.: TTL 4294967296 out of range 0-2147483647 [parse-error]
ranges.zone:20: error: broken.ranges.example.: Syntax error, could not parse the RR's rdata [parse-error]
ranges.zone:21: error: short.ranges.example.: Syntax error, value expected [parse-error]
ranges.zone:22: warning: _www._tcp.ranges.example.: "www" is an alias of "http"; clients browsing for _http._tcp will not find this [name-alias]
EOF
cmp -s "$tmp/out" "$tmp/want" && ok || { bad "ranges text"; diff "$tmp/want" "$tmp/out" >&2; }
[ ! -s "$tmp/err" ] && ok || bad "ranges: -q still wrote to stderr"

# Summary line on stderr without -q.
"$SRVLINT" check ranges.zone > /dev/null 2> "$tmp/err"
has "$tmp/err" "10 errors, 1 warning, 0 notes in 1 file" && ok || bad "summary: $(cat "$tmp/err")"

# JSON Lines: every line an object with the fields of cli.md.
"$SRVLINT" check -q --format json ranges.zone > "$tmp/json"; rc=$?
[ $rc -eq 1 ] && ok || bad "json rc=$rc"
python3 - "$tmp/json" <<'EOF' && ok || bad "json lines"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 11, len(rows)
for r in rows:
    assert set(r) >= {"file", "line", "owner", "type", "check", "severity", "message"}, r
assert rows[0]["line"] == 11 and rows[0]["check"] == "parse-error" and rows[0]["type"] == "SRV"
assert rows[-1] == {"file": "ranges.zone", "line": 22, "owner": "_www._tcp.ranges.example.",
    "type": "SRV", "check": "name-alias", "severity": "warning", "primary": "http",
    "message": "\"www\" is an alias of \"http\"; clients browsing for _http._tcp will not find this"}, rows[-1]
EOF

# --- a clean zone: exit 0; multi-line records, inheritance, suppression ---
cd "$tmp" || exit 99
cat > clean.zone <<'EOF'
$ORIGIN clean.example.
$TTL 1h
@	IN SOA ns1 hostmaster ( 1 7200 3600 1209600 300 )
	IN NS ns1
ns1	IN A 192.0.2.1
	IN AAAA 2001:db8::1
_http._tcp	IN SRV ( 0 5
		80 ns1 )
_www._tcp	IN SRV 0 5 80 ns1 ; srvlint-disable name-alias
EOF
"$SRVLINT" check clean.zone > out 2> err; rc=$?
[ $rc -eq 0 ] && [ ! -s out ] && ok || bad "clean: rc=$rc $(cat out)"
has err "0 errors, 0 warnings, 0 notes in 1 file" && ok || bad "clean summary: $(cat err)"

# A suppression comment also silences the cross-record checks of its record.
printf '$ORIGIN s.example.\n@ IN SOA ns h 1 2 3 4 5\nns IN A 192.0.2.1\n_http._tcp IN SRV 0 0 80 nohost ; srvlint-disable srv-target-no-address\n_ldap._tcp IN SRV 0 0 389 nohost2\n' > sup.zone
"$SRVLINT" check -q sup.zone > out; rc=$?
[ $rc -eq 1 ] && [ "$(grep -c . out)" -eq 1 ] && grep -q '^sup.zone:5: error: _ldap._tcp.s.example.: .*\[srv-target-no-address\]$' out \
	&& ok || bad "suppressed cross-record finding: $(cat out)"

# Standard input is "<stdin>"; -o gives the origin.
printf '_www._tcp IN SRV 0 5 80 @\n@ IN A 192.0.2.1\n' | "$SRVLINT" check -q -o in.example - > out; rc=$?
[ $rc -eq 1 ] && has out '<stdin>:1: warning: _www._tcp.in.example.: "www" is an alias of "http"; clients browsing for _http._tcp will not find this [name-alias]' \
	&& ok || bad "stdin: rc=$rc $(cat out)"

# No origin: relative names are a parse-error naming the fix.
printf 'www IN A 192.0.2.1\n' > noorigin.zone
"$SRVLINT" check -q noorigin.zone > out; rc=$?
[ $rc -eq 1 ] && has out 'noorigin.zone:1: error: relative name www but no origin: add $ORIGIN or use -o [parse-error]' \
	&& ok || bad "no origin: $(cat out)"

# Several files: each its own apex and scope; a missing one gives 2, the rest are still checked.
printf '$ORIGIN a.example.\n@ IN SOA ns h 1 2 3 4 5\nns IN A 192.0.2.1\n_http._tcp IN SRV 0 0 80 www.b.example.\n' > a.zone
printf '$ORIGIN b.example.\n@ IN SOA ns h 1 2 3 4 5\nns IN A 192.0.2.1\n_http._tcp IN SRV 0 0 80 gone\n' > b.zone
"$SRVLINT" check -q a.zone missing.zone b.zone > out 2> err; rc=$?
[ $rc -eq 2 ] && ok || bad "missing file: rc=$rc"
grep -q '^srvlint: missing.zone: No such file or directory' err && ok || bad "missing file message: $(cat err)"
[ "$(grep -c . out)" -eq 1 ] && grep -q '^b.zone:4: error: _http._tcp.b.example.: .*gone.b.example.*\[srv-target-no-address\]$' out \
	&& ok || bad "several files: $(cat out)"

# --- $INCLUDE policy ---
mkdir -p inc/sub
printf '$ORIGIN inc.example.\n$INCLUDE sub/part.zone\n$INCLUDE ../clean.zone\n$INCLUDE /etc/passwd\n$INCLUDE top.zone\n_www._tcp IN SRV 0 0 80 host\n' > inc/top.zone
printf 'host IN A 192.0.2.7\n_www._udp IN SRV 0 0 80 host\n' > inc/sub/part.zone
ln -s /etc/hostname inc/sub/link.zone
printf '$INCLUDE sub/link.zone\n' >> inc/top.zone
"$SRVLINT" check -q inc/top.zone > out 2> err; rc=$?
[ $rc -eq 1 ] && ok || bad "include rc=$rc"
grep -c . out | grep -qx 6 && grep -q 'inc/sub/part.zone:2: warning: _www._udp.inc.example.:' out \
	&& grep -q '^inc/top.zone:4: error: .*\$INCLUDE /etc/passwd refused: outside the include directory inc \[include-denied\]$' out \
	&& grep -q '^inc/top.zone:5: error: .*include loop.*\[include-denied\]$' out \
	&& grep -q '^inc/top.zone:7: error: .*sub/link.zone refused: outside.*\[include-denied\]$' out \
	&& grep -q '^inc/top.zone:6: warning: _www._tcp.inc.example.:' out \
	&& ok || { bad "include policy"; cat out >&2; }
"$SRVLINT" check -q --no-include inc/top.zone > out; rc=$?
[ "$(grep -c 'refused: --no-include \[include-denied\]$' out)" -eq 5 ] && ok || bad "--no-include: $(cat out)"
"$SRVLINT" check -q --include-dir . inc/top.zone > out; rc=$?
grep -q 'clean.zone' out && ok || bad "--include-dir widens: $(cat out)"
grep -q '^inc/../clean.zone:' out || grep -q 'include-denied.*clean' out && bad "--include-dir: clean.zone still refused" || ok

# --- -j: the same bytes for every -j ---
python3 - > many.zone <<'EOF'
print("$ORIGIN many.example.\n@ IN SOA ns h 1 2 3 4 5\nns IN A 192.0.2.1")
svcs = ["_http._tcp", "_www._tcp", "_foo-bar._tcp", "_ldap._sctp", "_sip._tls", "_x_y._tcp"]
for i in range(40000):
    s = svcs[i % len(svcs)]
    if i % 5 == 0:
        print("h%d IN A 10.0.%d.%d\n IN AAAA 2001:db8::%x" % (i, (i >> 8) & 255, i & 255, i))
    elif i % 5 == 1:
        print("%s.h%d IN SRV ( 0 5\n  %d h%d )" % (s, i, i % 70000, i - 1))
    elif i % 5 == 2:
        print("%s IN SRV 0 5 80 h%d ; srvlint-disable name-unregistered" % (s, i + 3))
    elif i % 5 == 3:
        print('h%d IN TXT "=x" "k=v" "k=w"' % i)
    else:
        print("c%d IN CNAME h%d\n_http._tcp.c%d IN SRV 0 0 80 c%d\nbad%d IN A 1.2" % (i, i - 4, i, i, i))
EOF
for j in 1 2 3 4; do
	"$SRVLINT" check -j $j --format json many.zone > "j$j.out" 2> "j$j.err"
	echo "rc=$?" >> "j$j.err"
done
[ "$(wc -l < j1.out)" -gt 20000 ] && ok || bad "-j: too few findings ($(wc -l < j1.out))"
for j in 2 3 4; do
	cmp -s j1.out "j$j.out" && cmp -s j1.err "j$j.err" && ok || bad "-j $j differs from -j 1"
done

# --- hostile input ---
python3 - hostile.zone <<'EOF'
import random, sys
r = random.Random(4711)
name = sys.argv[1]
with open(name, "wb") as f:
    w = f.write
    w(b"$ORIGIN hostile.example.\n$TTL 300\n")
    w(b"@ IN SOA ns h 1 2 3 4 5\nns IN A 192.0.2.1\n")
    w(b"$INCLUDE /etc/passwd\n$INCLUDE " + name.encode() + b"\n")
    w(b"a\x00b IN A 192.0.2.1\n")
    w(b"esc\x1b[31mred IN A 192.0.2.1\n")
    w(b"t IN TXT \"x\x1b]0;pwned\x07y\"\n")
    w(b"t2 IN TXT \"nul\x00here\"\n")
    w(b"\x1b[2J IN A 192.0.2.1\n")
    # Random bytes, without "(": an unbalanced one would make the rest of
    # the file one record (as BIND reads it), and the records that must be
    # seen come later.
    w(bytes(b if b != 0x28 else 0x29 for b in (r.getrandbits(8) for _ in range(200000))))
    w(b"\n")
    w(b"long IN TXT \"" + b"a" * (4 << 20) + b"\"\n")
    for i in range(500):
        w(b"good%d IN A 192.0.2.%d\n" % (i, i % 250))
        w(b"bad%d IN A \x1b[0m%d\n" % (i, i) if i % 2 else b"bad%d IN SRV 1 2 port target\n" % i)
    w(b"_www._tcp IN SRV 0 0 80 good1\n")
EOF
lines=$(wc -l < hostile.zone)
timeout 120 "$SRVLINT" check hostile.zone > out 2> err; rc=$?
[ $rc -eq 1 ] || [ $rc -eq 2 ] && ok || bad "hostile: rc=$rc"
if grep -qaP '[\x00-\x08\x0b-\x1f\x7f]' out err; then bad "hostile: raw control byte written"; else ok; fi
timeout 120 "$SRVLINT" check --format json hostile.zone > jout 2> /dev/null
if grep -qaP '[\x00-\x08\x0b-\x1f\x7f]' jout; then bad "hostile json: raw control byte written"; else ok; fi
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]' jout && ok || bad "hostile json does not parse"
has out "hostile.zone:$lines: warning: _www._tcp.hostile.example.: \"www\" is an alias of \"http\"; clients browsing for _http._tcp will not find this [name-alias]" \
	&& ok || bad "hostile: the last line was not checked"
grep -q '^hostile.zone:5: error: .*\$INCLUDE /etc/passwd refused: outside the include directory \. \[include-denied\]$' out && ok || bad "hostile: /etc/passwd"
grep -q '^hostile.zone:6: error: .*include loop.*\[include-denied\]$' out && ok || bad "hostile: self include"
[ "$(grep -c '^hostile.zone:\(7\|10\): error: NUL byte in the record; write it as \\000 \[parse-error\]$' out)" -eq 2 ] && ok || bad "hostile: NUL"
[ "$(grep -c '^hostile.zone:\(8\|9\|11\): error: control byte \\027 in the record; write it as an escape \[parse-error\]$' out)" -eq 3 ] && ok || bad "hostile: ESC"
grep -q 'record longer than [0-9]* bytes (comments excluded); skipped to its end \[parse-error\]$' out && ok || bad "hostile: long line"
[ "$(grep -c ': bad[0-9]*.hostile.example.: .*\[parse-error\]$' out)" -eq 250 ] && ok || bad "hostile: every other line ($(grep -c ': bad[0-9]*.hostile.example.: ' out))"
[ "$(grep -c 'control byte \\027' out)" -ge 253 ] && ok || bad "hostile: ESC in values ($(grep -c 'control byte \\027' out))"

# --- fragments (checks.md): no SOA, so absence is a note "in this file" ---
mkdir -p frag
printf '$ORIGIN frag.example.\n_http._tcp SRV 0 0 80 web\n_ipp._tcp PTR p._ipp._tcp\n' > frag/part.zone
"$SRVLINT" check frag/part.zone > out 2>&1; rc=$?
[ $rc -eq 0 ] && ok || bad "fragment: rc=$rc (notes only)"
has out 'frag/part.zone:2: note: _http._tcp.frag.example.: the target web.frag.example. has no A or AAAA record in this file: add one, or point the SRV record at a host that has them [srv-target-no-address]' \
	&& ok || bad "fragment: srv-target-no-address note"
grep -q '^frag/part.zone:3: note: _ipp._tcp.frag.example.: the browsed instance p._ipp._tcp.frag.example. has no SRV record in this file: .*\[dnssd-instance-no-srv\]$' out \
	&& ok || bad "fragment: dnssd-instance-no-srv note"
grep -q '^frag/part.zone:3: note: .* has no TXT record in this file (RFC 6763.*\[dnssd-instance-no-txt\]$' out \
	&& ok || bad "fragment: dnssd-instance-no-txt note"
# The same file $INCLUDEd by a zone with its SOA: errors, for every -j.
printf '$ORIGIN frag.example.\n@ SOA ns hm 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n$INCLUDE part.zone\n' > frag/zone.zone
for j in 1 2 3; do
	"$SRVLINT" check -j $j frag/zone.zone > out 2>&1; rc=$?
	[ $rc -eq 1 ] && ok || bad "zone with SOA -j $j: rc=$rc"
	grep -q '^frag/part.zone:2: error: .* has no A or AAAA record in the zone: .*\[srv-target-no-address\]$' out \
		&& ok || bad "zone with SOA -j $j: srv-target-no-address error"
	[ "$(grep -c '^frag/part.zone:3: error: .*\[dnssd-instance-no-\(srv\|txt\)\]$' out)" -eq 2 ] \
		&& ok || bad "zone with SOA -j $j: dnssd-instance-no-* errors"
	grep -q 'in this file' out && bad "zone with SOA -j $j: says in this file" || ok
done

# Binary input on stdin, and a directory: no crash, exit 1 or 2.
head -c 100000 /dev/urandom | timeout 60 "$SRVLINT" check -q -o x - > out 2>&1; rc=$?
[ $rc -eq 1 ] || [ $rc -eq 2 ] || [ $rc -eq 0 ] && ok || bad "urandom: rc=$rc"
if grep -qaP '[\x00-\x08\x0b-\x1f\x7f]' out; then bad "urandom: raw control byte"; else ok; fi
timeout 10 "$SRVLINT" check -q . > out 2>&1; rc=$?
[ $rc -eq 2 ] && ok || bad "directory: rc=$rc"

e2e_finish check.sh
