#!/bin/sh
# baseline.sh -- --write-baseline and --baseline (cli.md, Baselines) on the
# built binary: the round trip, lines added above known findings keep them
# known, a new defect fails the run, two findings with the same parts are
# told apart by their occurrence, the file is reviewable text (one
# fingerprint a line, a comment naming the finding), and the errors: a line
# that is not a fingerprint, a baseline that cannot be read or written.
set -u
top_srcdir=$(cd "${top_srcdir:?}" && pwd) || exit 99
. "${top_srcdir:?}/tests/e2e/lib.sh"
fpy() { python3 "$top_srcdir/tests/tools/fingerprint.py" "$@"; }

# same WHAT WANT-FILE GOT-FILE
same() {
	if cmp -s "$2" "$3"; then ok; else bad "$1 (- want, + got):"; diff -u "$2" "$3" | sed -n '3,$p' >&2; fi
}

cd "$tmp" || exit 99
cp "$top_srcdir/zones/example.com.zone" z.zone
chmod u+w z.zone

# --- write: exit 0 whatever the findings; output as without it ---
"$SRVLINT" check z.zone > plain.out 2> /dev/null
"$SRVLINT" check --write-baseline base.txt z.zone > out 2> err; rc=$?
[ $rc -eq 0 ] && ok || bad "write: rc=$rc, want 0"
same "write: findings as without --write-baseline" plain.out out
grep -qxF '3 errors, 2 warnings, 0 notes in 1 file; baseline base.txt: 5 fingerprints written' err \
    && ok || bad "write: summary $(cat err)"

# The file: comments, then one "FP  # CHECK FILE:LINE OWNER TYPE: MESSAGE" a
# finding, in output order; each fingerprint recomputed from its parts.
grep -v '^#' base.txt > body
[ "$(wc -l < body)" -eq 5 ] && ok || bad "write: $(wc -l < body) lines, want 5"
grep -Evq '^[0-9a-f]{32}  # [a-z-]+ z\.zone:[0-9]+ [^ ]+ [A-Z]+: .+$' body \
    && bad "write: a line not of the form FP  # CHECK FILE:LINE OWNER TYPE: MESSAGE" || ok
cut -c37- body | cut -d" " -f1,2 > got
cat > want <<'WANT'
name-alias z.zone:20
proto-unknown z.zone:22
txt-key-empty z.zone:27
srv-target-cname z.zone:21
srv-target-no-address z.zone:22
WANT
same "write: the findings named" want got
m='"www" is an alias of "http"; clients browsing for _http._tcp will not find this'
[ "$(head -c 32 body)" = "$(fpy name-alias z.zone _www._tcp.example.com. SRV @none "$m")" ] \
    && ok || bad "write: name-alias fingerprint is not the recipe's"
# The same fingerprints as SARIF's partialFingerprints and GitLab's.
"$SRVLINT" check -q --format gitlab z.zone | python3 -c '
import json, sys
print("\n".join(f["fingerprint"] for f in json.load(sys.stdin)))' > got
cut -c1-32 body > want
same "write: gitlab fingerprints" want got

# --- read: every known finding left out, exit 0 ---
"$SRVLINT" check --baseline base.txt z.zone > out 2> err; rc=$?
[ $rc -eq 0 ] && [ ! -s out ] && ok || bad "known: rc=$rc, output $(cat out)"
grep -qxF '0 errors, 0 warnings, 0 notes in 1 file; 5 known from the baseline not shown' err \
    && ok || bad "known: summary $(cat err)"

# Lines added above the known findings (a comment, a blank line, a healthy
# record) move them all; they stay known.
{ sed -n '1,/^\$TTL/p' z.zone; printf '; moved\n\nextra 300 IN A 192.0.2.99\n'; sed '1,/^\$TTL/d' z.zone; } > z2
mv z2 z.zone
"$SRVLINT" check -q --baseline base.txt z.zone > out; rc=$?
[ $rc -eq 0 ] && [ ! -s out ] && ok || bad "moved: rc=$rc, output $(cat out)"

# A new defect fails the run, and only it is reported.
printf '_xmpp._tcp 300 IN SRV 0 0 5222 nohost.example.com.\n' >> z.zone
"$SRVLINT" check -q --format json --baseline base.txt z.zone > out; rc=$?
[ $rc -eq 1 ] && ok || bad "new defect: rc=$rc, want 1"
python3 -c '
import json, sys
for l in open(sys.argv[1]):
    f = json.loads(l)
    print(f["check"], f["line"], f["owner"])' out > got
cat > want <<'WANT'
name-unregistered 31 _xmpp._tcp.example.com.
srv-target-no-address 31 _xmpp._tcp.example.com.
WANT
same "new defect" want got
# The exit status follows the reported findings: --fail-on error, a new error.
"$SRVLINT" check -q --fail-on error --baseline base.txt z.zone > /dev/null; rc=$?
[ $rc -eq 1 ] && ok || bad "new error, --fail-on error: rc=$rc, want 1"

# --- occurrences: a second finding with the same parts (two port-0 SRV
# records of one owner) is new ---
cat > o.zone <<'ZONE'
$ORIGIN o.example.
$TTL 300
@ SOA ns admin 1 3600 600 86400 300
@ NS ns
ns A 192.0.2.1
_http._tcp SRV 0 0 0 ns
ZONE
"$SRVLINT" check -q --write-baseline o.txt o.zone > /dev/null
printf '_http._tcp SRV 1 0 0 ns\n' >> o.zone
"$SRVLINT" check -q --format json --baseline o.txt o.zone > out; rc=$?
[ $rc -eq 1 ] && [ "$(wc -l < out)" -eq 1 ] && grep -q '"line": 7, .*"check": "srv-port-zero"' out \
    && ok || bad "second occurrence: rc=$rc, $(cat out)"
"$SRVLINT" check -q --format gitlab o.zone | python3 -c '
import json, sys
print("\n".join(f["fingerprint"] for f in json.load(sys.stdin)))' > got
m='port 0 with a real target: set the port the service listens on, or use the target "." to say there is no service'
{ fpy srv-port-zero o.zone _http._tcp.o.example. SRV @none "$m"; fpy srv-port-zero o.zone _http._tcp.o.example. SRV @none "$m" 2; } > want
same "occurrence fingerprints" want got

# --- a comment cannot break the one-line-a-finding form ---
printf '_x\\010y._tcp SRV 0 0 80 ns\n' >> o.zone
"$SRVLINT" check -q --write-baseline o2.txt o.zone > /dev/null
[ "$(grep -vc '^#' o2.txt)" -eq 3 ] && grep -qF '# name-bad-char o.zone:8 _x\010y._tcp.o.example. SRV: ' o2.txt \
    && ok || { bad "escaped comment:"; cat o2.txt >&2; }

# --- errors ---
# A line that is not a fingerprint: one error naming FILE:LINE, the run
# goes on with the others.
{ cat base.txt; echo 'not-a-fingerprint  # hand-edited'; echo '  # indented comment'; echo; } > edited.txt
"$SRVLINT" check -q --baseline edited.txt z.zone > out 2> err; rc=$?
n=$(wc -l < base.txt); n=$((n + 1))
[ $rc -eq 1 ] && [ "$(wc -l < out)" -eq 2 ] && ok || bad "edited: rc=$rc, $(wc -l < out) findings"
[ "$(cat err)" = "srvlint: edited.txt:$n: not a fingerprint (32 hex digits), line skipped" ] \
    && ok || bad "edited: stderr $(cat err)"
# A baseline that cannot be read: exit 2, nothing checked.
"$SRVLINT" check --baseline nope.txt z.zone > out 2> err; rc=$?
[ $rc -eq 2 ] && [ ! -s out ] && [ "$(cat err)" = "srvlint: nope.txt: No such file or directory" ] \
    && ok || bad "unreadable baseline: rc=$rc, $(cat err)"
# One that cannot be written: exit 2 with the reason, and no stray file.
"$SRVLINT" check -q --write-baseline no/such/dir/b.txt z.zone > /dev/null 2> err; rc=$?
[ $rc -eq 2 ] && grep -q '^srvlint: no/such/dir/b.txt: No such file or directory$' err \
    && ok || bad "unwritable baseline: rc=$rc, $(cat err)"
# The old baseline stays whole when the new one fails: read-only directory.
mkdir ro && cp base.txt ro/b.txt && chmod a-w ro
if ! touch ro/probe 2> /dev/null; then
	"$SRVLINT" check -q --write-baseline ro/b.txt z.zone > /dev/null 2>&1; rc=$?
	[ $rc -eq 2 ] && cmp -s base.txt ro/b.txt && [ "$(ls ro)" = b.txt ] && ok || bad "read-only: rc=$rc"
else
	rm -f ro/probe	# root: permissions do not stop us
fi
chmod u+w ro

e2e_finish baseline
