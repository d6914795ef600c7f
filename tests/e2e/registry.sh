#!/bin/sh
# srvlint registry, and --registry FILE: end to end on the built binary.
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"
data="$top_srcdir/tests/data/registry"


# expect RC "WANT" ARGS...: exact stdout and exit status.
expect() {
	want_rc=$1 want=$2
	shift 2
	got=$("$SRVLINT" "$@" 2>"$tmp/err")
	rc=$?
	[ "$rc" -eq "$want_rc" ] && [ "$got" = "$want" ] && ok ||
		bad "$*: rc=$rc (want $want_rc), got:
$got
--- want:
$want"
}

expect 0 'name:         www
description:  World Wide Web HTTP
transports:   tcp udp
ports:        80/tcp 80/udp
alias of:     http' registry _www

expect 0 'name:         http
description:  World Wide Web HTTP
transports:   tcp udp sctp
ports:        80/tcp 80/udp 80/sctp
TXT keys:     u p path
aliases:      www www-http' registry HTTP

expect 0 '80/tcp        http            World Wide Web HTTP
80/tcp        www             World Wide Web HTTP
80/tcp        www-http        World Wide Web HTTP' registry 80/tcp

expect 0 '6000-6063/udp x11             X Window System' registry 6010/udp

expect 0 'name:         sql*net
description:  Oracle SQL*NET
transports:   tcp udp
ports:        66/tcp 66/udp
legacy:       breaks the RFC 6335 syntax; use "sql-net"' registry '_sql*net'

expect 0 'name:         surfpass
description:  Reserved
transports:   tcp udp
ports:        none
reserved:     de-assigned 2022-01-10, was port 5030' registry surfpass

expect 0 'name:         smb
description:  Server Message Block over TCP/IP
transports:   none (registered without a transport protocol)
ports:        none
TXT keys:     u p path' registry _smb

expect 1 'nosuch-svc: not in the IANA registry' registry _nosuch-svc
expect 1 '4/tcp: no assignment in the IANA registry' registry 4/tcp
expect 0 '225-241       -               Reserved' registry 230
expect 2 '' registry 99999
expect 2 '' registry 80/tls
expect 2 '' registry
expect 2 '' registry _

# A name from the command line is escaped, never written raw.
got=$("$SRVLINT" registry "$(printf '_a\033[31mb')")
[ "$got" = 'a\027[31mb: not in the IANA registry' ] && ok || bad "escape: $got"

# --registry with the CSV IANA publishes: the same answers.
for q in _www 80/tcp _sql*net surfpass 6010/udp _stun-behaviors; do
	a=$("$SRVLINT" registry "$q")
	b=$("$SRVLINT" registry --registry "$data/slice.csv" "$q")
	[ "$a" = "$b" ] && ok || bad "csv vs built-in for $q: $b"
done
expect 1 'ssh: not in the IANA registry' registry --registry "$data/slice.csv" ssh

# --registry with a bad file: exit 2 and one line naming file and line.
for cmd in name registry check; do
	"$SRVLINT" "$cmd" --registry "$data/truncated.xml" _http >"$tmp/out" 2>"$tmp/err"
	rc=$?
	err=$(cat "$tmp/err")
	[ $rc -eq 2 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ] &&
	[ "$err" = "srvlint: $data/truncated.xml:100: XML: the file ends inside the <record> of line 98 (truncated?)" ] &&
		ok || bad "--registry truncated.xml $cmd: rc=$rc err=$err"
done
"$SRVLINT" name --registry "$tmp/missing.xml" _http >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "^srvlint: $tmp/missing.xml: No such file or directory\$" "$tmp/err" && ok ||
	bad "--registry missing: $(cat "$tmp/err")"
printf 'Service Name,Port Number\r\n' > "$tmp/bad.csv"
"$SRVLINT" name --registry "$tmp/bad.csv" _http >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "^srvlint: $tmp/bad.csv:1: not an IANA registry file" "$tmp/err" && ok ||
	bad "--registry bad.csv: $(cat "$tmp/err")"

# the names --registry knows decide the findings
"$SRVLINT" name --registry "$data/slice.csv" -q _ssh >/dev/null 2>&1
[ $? -eq 1 ] && ok || bad "ssh is unregistered under the slice"
"$SRVLINT" name -q _ssh >/dev/null 2>&1
[ $? -eq 0 ] && ok || bad "ssh is registered in the built-in snapshot"

e2e_finish registry.sh
