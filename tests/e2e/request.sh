#!/bin/sh
# srvlint request: end to end on the built binary.  Every request file of
# tests/requests/ states its findings in "# expect: CHECK SEVERITY LINE
# ["TEXT"]" lines; the binary must report exactly those, in that order, with
# the exit status and `valid` they imply.
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"


# "check severity line" of every finding in srvlint's JSON objects (line 0:
# a finding about the whole file, which has no "line"), and "valid=..." for
# each object.
findings() {
	python3 -c '
import json, sys
for l in sys.stdin:
    o = json.loads(l)
    for f in o["findings"]:
        print(f["check"], f["severity"], f.get("line", 0))
    print("valid=%s" % ("true" if o["valid"] else "false"))
'
}

# compare FILE JSON: the findings of JSON against the "# expect: CHECK
# SEVERITY LINE ["TEXT"]" lines of FILE (TEXT: words the message holds) and
# `valid`; prints the differences and the exit status srvlint owes.
compare() {
	python3 - "$1" "$2" <<'EOF'
import json, re, sys
want = []
for l in open(sys.argv[1], encoding="latin-1"):
    m = re.match(r'# expect: ([a-z-]+) ([a-z]+) ([0-9]+)(?: "(.*)")?$', l.rstrip("\n"))
    if m:
        want.append((m.group(1), m.group(2), int(m.group(3)), m.group(4)))
objs = [json.loads(l) for l in open(sys.argv[2])]
got = [(f["check"], f["severity"], f.get("line", 0), f["message"]) for o in objs for f in o["findings"]]
bad = len(objs) != 1 or len(got) != len(want)
for g, w in zip(got, want):
    bad |= g[:3] != w[:3] or (w[3] is not None and w[3] not in g[3])
valid = not any(w[1] == "error" for w in want)
bad |= len(objs) == 1 and objs[0]["valid"] != valid
if bad:
    print("want:", *want, "got:", *got, "valid:", [o["valid"] for o in objs], sep="\n  ")
print("rc=%d" % (1 if any(w[1] in ("error", "warning") for w in want) else 0))
EOF
}

n=0
for f in "$top_srcdir"/tests/requests/*.req; do
	n=$((n + 1))
	name=$(basename "$f")
	"$SRVLINT" request --format json -q "$f" > "$tmp/out" 2> "$tmp/err"; rc=$?
	verdict=$(compare "$f" "$tmp/out")
	[ "$verdict" = "rc=$rc" ] && ok || bad "$name: exit $rc
$verdict"
	[ ! -s "$tmp/err" ] && ok || bad "$name: stderr: $(cat "$tmp/err")"
done
[ "$n" -ge 30 ] && ok || bad "only $n request files"

# The template, filled in as a new user would: every hint stays, a value
# goes after each field name.  It passes with exit 0 and no finding.
"$SRVLINT" request --template > "$tmp/r.txt"; rc=$?
[ $rc -eq 0 ] && ok || bad "--template: exit $rc"
"$SRVLINT" request --format json -q "$tmp/r.txt" | findings > "$tmp/empty"
[ "$(grep -c '^request-missing-field error ' "$tmp/empty")" -eq 6 ] &&
    [ "$(wc -l < "$tmp/empty")" -eq 7 ] && ok || bad "empty template: $(cat "$tmp/empty")"
sed -e 's/^Service Name:$/Service Name: zq-telemetry/' \
    -e 's/^Transport Protocol(s):$/Transport Protocol(s): TCP/' \
    -e 's/^Assignee:$/Assignee: Example Telemetry Inc. <iana@telemetry.example>/' \
    -e 's/^Contact:$/Contact: Dana Roe <dana@telemetry.example>/' \
    -e 's/^Description:$/Description: Telemetry collection for ZQ sensors/' \
    -e 's|^Reference:$|Reference: https://telemetry.example/spec\
  Sensors send one report message a minute over a TCP connection; the\
  collector answers with an acknowledgement.  No broadcast, multicast or\
  anycast is used.  Sensors have no configuration, so a port in the\
  Dynamic range will not do.|' \
    -e 's/^Port Number:$/Port Number: 4381/' "$tmp/r.txt" > "$tmp/filled.txt"
"$SRVLINT" request "$tmp/filled.txt" > "$tmp/out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ "$(cat "$tmp/out")" = "0 errors, 0 warnings, 0 notes in 1 request" ] &&
    ok || bad "filled template: exit $rc: $(cat "$tmp/out")"
grep -q '^# ' "$tmp/filled.txt" && ok || bad "filled template lost its hints"

# Text output, in the form compilers use; a missing field has no line.
got=$("$SRVLINT" request -q "$top_srcdir/tests/requests/port-outside.req")
case "$got" in *":12: error: port 70000 is outside 0-65535 (RFC 6335 section 6) [request-port-range]") ok ;; *) bad "outside: $got" ;; esac
got=$("$SRVLINT" request -q "$top_srcdir/tests/requests/port-range.req")
[ "$got" = "$top_srcdir/tests/requests/port-range.req:12: warning: port 5000-5001/tcp is already taken: \"commplex-main\", \"commplex-link\"; ask for a free port, or for \"user\" and let IANA choose (RFC 6335 section 8.1.1) [request-port-taken]" ] &&
    ok || bad "text: $got"
got=$("$SRVLINT" request -q "$top_srcdir/tests/requests/missing-field.req")
[ "$got" = "$top_srcdir/tests/requests/missing-field.req: error: required field \"Assignee\" is missing (RFC 6335 section 8.1.1) [request-missing-field]" ] &&
    ok || bad "text missing: $got"

# Standard input, several files, --severity, --fail-on.
"$SRVLINT" request -q - < "$top_srcdir/tests/requests/sound.req"; [ $? -eq 0 ] && ok || bad "stdin"
got=$("$SRVLINT" request --format json -q - "$top_srcdir/tests/requests/sound.req" < "$top_srcdir/tests/requests/transport.req" |
    python3 -c 'import json,sys; print(" ".join("%s:%s" % (json.loads(l)["file"].split("/")[-1], json.loads(l)["valid"]) for l in sys.stdin))')
[ "$got" = "-:False sound.req:True" ] && ok || bad "two inputs: $got"
"$SRVLINT" request -q --severity request-port-taken=off "$top_srcdir/tests/requests/port-taken.req"
[ $? -eq 0 ] && ok || bad "--severity off"
"$SRVLINT" request -q --fail-on note "$top_srcdir/tests/requests/system-port.req" >/dev/null
[ $? -eq 1 ] && ok || bad "--fail-on note"

# Files that cannot be read: exit 2, one line each, the others still checked.
"$SRVLINT" request -q "$tmp/nonexistent" "$top_srcdir/tests/requests/sound.req" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q 'nonexistent' "$tmp/err" && ok ||
    bad "unreadable: exit $rc: $(cat "$tmp/err")"
"$SRVLINT" request -q "$tmp" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && ok || bad "directory: exit $rc"
"$SRVLINT" request -q 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && ok || bad "no file: exit $rc"
# An endless input is cut at 16 MiB, never a hang.
head -c 20000000 /dev/zero > "$tmp/zero"
timeout 60 "$SRVLINT" request -q "$tmp/zero" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q '16 MiB' "$tmp/err" && ok || bad "20 MB of zeros: exit $rc"

# Hostile bytes: NUL, terminal escapes, invalid UTF-8, a 1 MB line.  Never a
# crash, never a raw control byte on the terminal.
python3 -c '
import sys
w = sys.stdout.buffer.write
w(b"Service Name: zq\x1b[2J\x00tel\n")
w(b"Transport Protocol(s): TCP, \xff\xfe\x1b]0;pwned\x07\n")
w(b"Assignee: " + b"a" * 1048576 + b"\n")
w(b"\x1b[31mContact: x\n")
w(b"Port Number: 4381\x00\n")
w(b"\x00\x00\x00\n")
' > "$tmp/hostile"
"$SRVLINT" request -q "$tmp/hostile" > "$tmp/out" 2>&1; rc=$?
[ $rc -eq 1 ] && ok || bad "hostile: exit $rc"
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/out"; then bad "hostile: raw control bytes"; else ok; fi
"$SRVLINT" request --format json -q "$tmp/hostile" | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' &&
    ok || bad "hostile: JSON does not parse"

e2e_finish request.sh
