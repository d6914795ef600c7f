#!/bin/sh
# ci-formats.sh -- the CI formats of cli.md on the built binary: SARIF valid
# against the OASIS SARIF 2.1.0 schema and shaped for GitHub code scanning
# (check, name, request, probe; a file that cannot be read), --format github
# and --format gitlab byte for byte, JSON file names kept as UTF-8.
# Fingerprints are recomputed apart from srvlint (tests/tools/fingerprint.py).
set -u
top_srcdir=$(cd "${top_srcdir:?}" && pwd) || exit 99
. "${top_srcdir:?}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/nsd-lib.sh"
trap 'nsd_stop; rm -rf "$tmp"' EXIT
schema="$top_srcdir/tests/data/sarif-schema-2.1.0.json"
sarif_check="$top_srcdir/tests/tools/sarif-check.py"
fpy() { python3 "$top_srcdir/tests/tools/fingerprint.py" "$@"; }

# same WHAT WANT-FILE GOT-FILE
same() {
	if cmp -s "$2" "$3"; then ok; else bad "$1 (- want, + got):"; diff -u "$2" "$3" | sed -n '3,$p' >&2; fi
}

# The SARIF tests need the schema validator (README: python3-jsonschema).
if python3 -c 'import jsonschema' 2> /dev/null; then
	have_schema=true
else
	have_schema=false
	echo "SKIP: the SARIF tests: python3-jsonschema not installed"
fi

# sarif WHAT LOG WANT-FILE: LOG is valid and its results are WANT-FILE's lines.
sarif() {
	if python3 "$sarif_check" "$schema" "$2" > "$tmp/sarif.got"; then
		same "$1: sarif" "$3" "$tmp/sarif.got"
	else
		bad "$1: not valid SARIF for code scanning"
	fi
}

# A zone whose file name needs every escape: UTF-8, ",", ":"; an owner with
# "%", and a note, a warning and errors.
mkdir -p "$tmp/w/sub" && cd "$tmp/w" || exit 99
zone='zü,r:ich.zone'
cat > "$zone" <<'ZONE'
$ORIGIN t.example.
$TTL 300
@ SOA ns admin 1 3600 600 86400 300
@ NS ns
ns A 192.0.2.1
_www._tcp SRV 0 0 80 ns
_100%._tcp SRV 0 0 80 ns
_exp1._udp SRV 0 0 80 ns
_ipp._tcp SRV 0 0 631 nohost
ZONE

# --- github: exact bytes (cli.md, CI formats) ---
"$SRVLINT" check -q --format github "$zone" > "$tmp/got"; rc=$?
[ $rc -eq 1 ] && ok || bad "github: rc=$rc, want 1"
cat > "$tmp/want" <<'EOF2'
::warning file=zü%2Cr%3Aich.zone,line=6,title=name-alias::_www._tcp.t.example.: "www" is an alias of "http"; clients browsing for _http._tcp will not find this
::error file=zü%2Cr%3Aich.zone,line=7,title=name-bad-char::_100%25._tcp.t.example.: "100%25" holds "%25" at position 4; only A-Z, a-z, 0-9 and "-" are allowed (RFC 6335 section 5.1)
::error file=zü%2Cr%3Aich.zone,line=7,title=name-no-letter::_100%25._tcp.t.example.: "100%25" has no letter and could be read as a port number (RFC 6335 section 5.1)
::notice file=zü%2Cr%3Aich.zone,line=8,title=name-experimental::_exp1._udp.t.example.: "exp1" is for RFC 3692-style experiments, never for deployment
::error file=zü%2Cr%3Aich.zone,line=9,title=srv-target-no-address::_ipp._tcp.t.example.: the target nohost.t.example. has no A or AAAA record in the zone: add one, or point the SRV record at a host that has them
EOF2
same "github" "$tmp/want" "$tmp/got"
# The runner undoes the property escapes (actions/runner ActionCommand.cs:
# %0D %0A %3A %2C, then %25): the file name comes back as it was given.
back=$(sed -n '1s/^::warning file=\([^,]*\),.*/\1/p' "$tmp/got" | sed 's/%0D/\r/g; s/%0A/\n/g; s/%3A/:/g; s/%2C/,/g; s/%25/%/g')
[ "$back" = "$zone" ] && ok || bad "github: file property unescapes to \"$back\""

# --- gitlab: exact bytes, fingerprints recomputed apart ---
"$SRVLINT" check -q --format gitlab "$zone" > "$tmp/got"; rc=$?
[ $rc -eq 1 ] && ok || bad "gitlab: rc=$rc, want 1"
m1='"www" is an alias of "http"; clients browsing for _http._tcp will not find this'
m2='"100%" holds "%" at position 4; only A-Z, a-z, 0-9 and "-" are allowed (RFC 6335 section 5.1)'
m3='"100%" has no letter and could be read as a port number (RFC 6335 section 5.1)'
m4='"exp1" is for RFC 3692-style experiments, never for deployment'
m5='the target nohost.t.example. has no A or AAAA record in the zone: add one, or point the SRV record at a host that has them'
f1=$(fpy name-alias "$zone" _www._tcp.t.example. SRV @none "$m1")
f2=$(fpy name-bad-char "$zone" _100%._tcp.t.example. SRV @none "$m2")
f3=$(fpy name-no-letter "$zone" _100%._tcp.t.example. SRV @none "$m3")
f4=$(fpy name-experimental "$zone" _exp1._udp.t.example. SRV @none "$m4")
f5=$(fpy srv-target-no-address "$zone" _ipp._tcp.t.example. SRV @none "$m5")
cat > "$tmp/want" <<EOF2
[
  {"description": "_www._tcp.t.example.: \"www\" is an alias of \"http\"; clients browsing for _http._tcp will not find this", "check_name": "name-alias", "fingerprint": "$f1", "severity": "major", "location": {"path": "zü,r:ich.zone", "lines": {"begin": 6}}},
  {"description": "_100%._tcp.t.example.: \"100%\" holds \"%\" at position 4; only A-Z, a-z, 0-9 and \"-\" are allowed (RFC 6335 section 5.1)", "check_name": "name-bad-char", "fingerprint": "$f2", "severity": "critical", "location": {"path": "zü,r:ich.zone", "lines": {"begin": 7}}},
  {"description": "_100%._tcp.t.example.: \"100%\" has no letter and could be read as a port number (RFC 6335 section 5.1)", "check_name": "name-no-letter", "fingerprint": "$f3", "severity": "critical", "location": {"path": "zü,r:ich.zone", "lines": {"begin": 7}}},
  {"description": "_exp1._udp.t.example.: \"exp1\" is for RFC 3692-style experiments, never for deployment", "check_name": "name-experimental", "fingerprint": "$f4", "severity": "info", "location": {"path": "zü,r:ich.zone", "lines": {"begin": 8}}},
  {"description": "_ipp._tcp.t.example.: the target nohost.t.example. has no A or AAAA record in the zone: add one, or point the SRV record at a host that has them", "check_name": "srv-target-no-address", "fingerprint": "$f5", "severity": "critical", "location": {"path": "zü,r:ich.zone", "lines": {"begin": 9}}}
]
EOF2
same "gitlab" "$tmp/want" "$tmp/got"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert isinstance(a, list) and len(a) == 5' "$tmp/got" && ok || bad "gitlab: not a JSON array of 5"
# A clean zone: an empty array.
printf '$ORIGIN c.example.\n@ 300 SOA ns admin 1 3600 600 86400 300\n@ 300 NS ns\nns 300 A 192.0.2.1\n' > clean.zone
"$SRVLINT" check -q --format gitlab clean.zone > "$tmp/got"; rc=$?
[ $rc -eq 0 ] && [ "$(cat "$tmp/got")" = "[]" ] && ok || bad "gitlab clean: rc=$rc, $(cat "$tmp/got")"

# --- JSON: the file name as UTF-8 (issue 14: not z\\195\\188...) ---
"$SRVLINT" check -q --format json "$zone" | head -n 1 > "$tmp/got"
python3 -c 'import json,sys; o=json.loads(open(sys.argv[1], encoding="utf-8").read()); sys.exit(0 if o["file"] == sys.argv[2] and o["line"] == 6 else 1)' "$tmp/got" "$zone" \
    && ok || bad "json file name: $(cat "$tmp/got")"

if $have_schema; then
# --- SARIF: check, with the file under the current directory ---
"$SRVLINT" check -q --format sarif "$zone" > "$tmp/log"; rc=$?
[ $rc -eq 1 ] && ok || bad "sarif check: rc=$rc, want 1"
cat > "$tmp/want" <<'EOF2'
success true
name-alias warning z%C3%BC%2Cr%3Aich.zone@%SRCROOT%:6 _www._tcp.t.example.
name-bad-char error z%C3%BC%2Cr%3Aich.zone@%SRCROOT%:7 _100%._tcp.t.example.
name-no-letter error z%C3%BC%2Cr%3Aich.zone@%SRCROOT%:7 _100%._tcp.t.example.
name-experimental note z%C3%BC%2Cr%3Aich.zone@%SRCROOT%:8 _exp1._udp.t.example.
srv-target-no-address error z%C3%BC%2Cr%3Aich.zone@%SRCROOT%:9 _ipp._tcp.t.example.
EOF2
sarif "check" "$tmp/log" "$tmp/want"
# %SRCROOT% is this directory, and partialFingerprints are the fingerprints.
python3 - "$tmp/log" "$(pwd -P)" "$f1" <<'PY' && ok || bad "sarif: %SRCROOT% or partialFingerprints"
import json, sys, urllib.parse
run = json.load(open(sys.argv[1]))["runs"][0]
root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
assert urllib.parse.unquote(root) == "file://" + sys.argv[2] + "/", root
assert run["results"][0]["partialFingerprints"] == {"srvlint/v1": sys.argv[3]}
assert run["tool"]["driver"]["semanticVersion"]
PY

# An absolute path below the current directory is relative to %SRCROOT% too;
# one outside it is an absolute file: URI, and then no base is named.
cp "$zone" sub/a.zone
"$SRVLINT" check -q --format sarif "$(pwd)/sub/./a.zone" > "$tmp/log"
sed -n 2p "$tmp/want" | sed 's|z%C3%BC%2Cr%3Aich.zone|sub/a.zone|' > "$tmp/want1"
python3 "$sarif_check" "$schema" "$tmp/log" 2>&1 | sed -n 2p > "$tmp/got1"
same "sarif absolute path below" "$tmp/want1" "$tmp/got1"
(cd sub && "$SRVLINT" check -q --format sarif "../$zone" > "$tmp/log")
python3 - "$tmp/log" "$(pwd)/$zone" <<'PY' && ok || bad "sarif: a file above the current directory"
import json, sys, urllib.parse
run = json.load(open(sys.argv[1]))["runs"][0]
art = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
assert "uriBaseId" not in art and "originalUriBaseIds" not in run, art
assert urllib.parse.unquote(art["uri"]) == "file://" + sys.argv[2], art
PY

# A file that cannot be read: the run is not successful, the error is a
# notification, the other file's results are still there (exit 2).
"$SRVLINT" check -q --format sarif clean.zone missing.zone > "$tmp/log" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && ok || bad "sarif unreadable: rc=$rc, want 2"
printf 'success false\nnotification missing.zone: No such file or directory\n' > "$tmp/want"
sarif "unreadable file" "$tmp/log" "$tmp/want"

# --- SARIF: name (logical locations only) and request (the request file) ---
"$SRVLINT" name -q --format sarif _www _http > "$tmp/log"
printf 'success true\nname-alias warning _www\n' > "$tmp/want"
sarif "name" "$tmp/log" "$tmp/want"
reqs="$top_srcdir/tests/requests"
cp "$reqs/missing-field.req" "$reqs/port-taken.req" .
"$SRVLINT" request -q --format sarif missing-field.req port-taken.req > "$tmp/log"
cat > "$tmp/want" <<'EOF2'
success true
request-missing-field error missing-field.req@%SRCROOT%
request-port-taken warning port-taken.req@%SRCROOT%:13
request-port-taken warning port-taken.req@%SRCROOT%:13
EOF2
sarif "request" "$tmp/log" "$tmp/want"

# --- SARIF: probe against a real NSD (logical locations only) ---
if [ -x "$NSD" ] && command -v drill > /dev/null 2>&1; then
	zones=$(cd "$top_srcdir/zones/live" && pwd)
	if nsd_start "$tmp" example.test "$zones/example.test.zone"; then
		timeout 60 "$SRVLINT" probe -q --format sarif --server "127.0.0.1:$NSD_PORT" \
		    example.test > "$tmp/log"; rc=$?
		[ $rc -eq 1 ] && ok || bad "sarif probe: rc=$rc, want 1"
		python3 "$sarif_check" "$schema" "$tmp/log" | LC_ALL=C sort > "$tmp/got" || bad "sarif probe: invalid"
		LC_ALL=C sort > "$tmp/want" <<'EOF2'
success true
name-alias warning _www._tcp.example.test.
dnssd-instance-no-txt error _ipp._tcp.example.test.
srv-target-cname error _carddavs._tcp.example.test.
srv-target-no-address error _sip._tcp.example.test.
EOF2
		same "sarif probe" "$tmp/want" "$tmp/got"
	else
		bad "nsd did not start"
	fi
else
	echo "SKIP: probe SARIF: nsd or drill not installed"
fi
fi	# have_schema

e2e_finish ci-formats
