#!/bin/sh
# probe.sh -- `srvlint probe` against a real NSD on 127.0.0.1 serving
# zones/live/example.test.zone: exactly the four broken services are
# reported, nothing for the healthy ones beside them.
set -u
: "${SRVLINT:?}" "${top_srcdir:?}"
. "$top_srcdir/tests/e2e/nsd-lib.sh"
. "$top_srcdir/tests/e2e/probe-lib.sh"

[ -x "$NSD" ] || { echo "SKIP: nsd not installed (apt-get install nsd)"; exit 77; }
command -v drill >/dev/null 2>&1 || { echo "SKIP: drill not installed (apt-get install ldnsutils)"; exit 77; }

tmp=$(mktemp -d)
trap 'nsd_stop; rm -rf "$tmp"' EXIT
zones=$(cd "$top_srcdir/zones/live" && pwd)
# many.test: one DNS-SD type with 100 healthy instances, more than the
# probe follows (PROBE_MAX_INSTANCES, 64) -- generated here.
{
	printf '$ORIGIN many.test.\n$TTL 300\n@ SOA ns admin 1 3600 600 86400 300\n'
	printf '@ NS ns\nns A 127.0.0.1\nhost A 192.0.2.1\n'
	printf '_services._dns-sd._udp PTR _http._tcp\n'
	i=1
	while [ $i -le 100 ]; do
		printf '_http._tcp PTR i%d._http._tcp\n' $i
		printf 'i%d._http._tcp SRV 0 0 80 host\ni%d._http._tcp TXT "path=/%d"\n' $i $i $i
		i=$((i + 1))
	done
} > "$tmp/many.test.zone"
nsd_start "$tmp" example.test "$zones/example.test.zone" \
    dup.test "$zones/dup.test.zone" deleg.test "$zones/deleg.test.zone" \
    many.test "$tmp/many.test.zone" || exit 1

# 1. The done-when criterion: each broken service, and nothing else.
timeout 60 "$SRVLINT" probe --server "127.0.0.1:$NSD_PORT" example.test \
    --format json > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && ok || { bad "exit status $rc, want 1"; cat "$tmp/err" >&2; }
no_sanitizer_report "example.test" "$tmp/err"
fields "$tmp/out" > "$tmp/got"
LC_ALL=C sort > "$tmp/want" <<'WANT'
name-alias warning _www._tcp.example.test. SRV example.test
srv-target-cname error _carddavs._tcp.example.test. SRV example.test
srv-target-no-address error _sip._tcp.example.test. SRV example.test
dnssd-instance-no-txt error _ipp._tcp.example.test. PTR example.test
WANT
expect_same "example.test" "$tmp/got" "$tmp/want"

# 2. The same domain twice from -f (stdin), with a comment, a blank
# line and a bad name (reported as FILE:LINE, skipped): one domain's findings each time, and the summary counts 2 domains.
printf '# domains\nexample.test\n\na..b\nexample.test.\n' |
    timeout 60 "$SRVLINT" probe --server "127.0.0.1:$NSD_PORT" -f - \
    --format json > "$tmp/out2" 2> "$tmp/err2"
rc=$?
[ $rc -eq 1 ] && ok || bad "-f -: exit status $rc, want 1"
n=$(wc -l < "$tmp/out2")
[ "$n" -eq 8 ] && ok || bad "-f -: $n findings, want 8"
grep -q 'in 2 domains' "$tmp/err2" && ok || bad "-f -: summary: $(cat "$tmp/err2")"
grep -q -- '-:4: not a domain name: a\.\.b' "$tmp/err2" && ok || bad "-f -: no error for line 4: $(cat "$tmp/err2")"
"$SRVLINT" probe -f "$tmp/no-such-file" > /dev/null 2> "$tmp/err2"
rc=$?
[ $rc -eq 2 ] && grep -q "no-such-file" "$tmp/err2" && ok || bad "-f missing file: exit status $rc, $(cat "$tmp/err2")"

# 3. --names adds a name (_ldap._sctp is in the zone, not in the built-in
# list); a bad line is reported with file:line and the run goes on.
printf '_ldap._sctp SRV\n_bad..name\n_x._tcp FOO\n# comment\n' > "$tmp/names"
timeout 60 "$SRVLINT" probe --server "127.0.0.1:$NSD_PORT" --names "$tmp/names" \
    example.test --format json > "$tmp/out3" 2> "$tmp/err3"
rc=$?
[ $rc -eq 1 ] && ok || bad "--names: exit status $rc, want 1"
grep -q "names:2: " "$tmp/err3" && ok || bad "--names: no error for line 2: $(cat "$tmp/err3")"
grep -q "names:3: " "$tmp/err3" && ok || bad "--names: no error for line 3: $(cat "$tmp/err3")"
fields "$tmp/out3" > "$tmp/got3"
{ cat "$tmp/want"; echo "transport-mismatch warning _ldap._sctp.example.test. SRV example.test"; } |
    LC_ALL=C sort > "$tmp/want3"
expect_same "--names" "$tmp/got3" "$tmp/want3"

# 4. A domain that does not exist: one resolve-failure, exit 1.
timeout 60 "$SRVLINT" probe --server "127.0.0.1:$NSD_PORT" nope.example.test \
    --format json > "$tmp/out4" 2> "$tmp/err4"
rc=$?
[ $rc -eq 1 ] && ok || bad "NXDOMAIN domain: exit status $rc, want 1"
fields "$tmp/out4" > "$tmp/got4"
echo "resolve-failure warning nope.example.test. SOA nope.example.test" > "$tmp/want4"
expect_same "NXDOMAIN domain" "$tmp/got4" "$tmp/want4"

# 5. A bad --server is a usage error, named in one line.
for s in 127.0.0.1:99999 127.0.0.1:0 127.0.0.1: '[::1' '[::1]x' '[::1]:' 1.2.3 host.example; do
	"$SRVLINT" probe --server "$s" example.test > /dev/null 2> "$tmp/err5"
	rc=$?
	[ $rc -eq 2 ] && grep -q -- "--server" "$tmp/err5" && ok ||
	    bad "--server $s: exit status $rc, want 2 and a message: $(cat "$tmp/err5")"
done

# 6. The same over IPv6, [ADDR]:PORT (when the loopback has IPv6).
if [ "$NSD_V6" = yes ]; then
	timeout 60 "$SRVLINT" probe --server "[::1]:$NSD_PORT" example.test \
	    --format json > "$tmp/out5" 2> "$tmp/err5"
	rc=$?
	[ $rc -eq 1 ] && ok || bad "[::1]: exit status $rc, want 1: $(cat "$tmp/err5")"
	fields "$tmp/out5" > "$tmp/got5"
	expect_same "[::1]" "$tmp/got5" "$tmp/want"
else
	echo "note: no IPv6 loopback, [::1] not tested"
fi

# 7. A record that arrives in several answers is checked once:
# mail_host's A comes through alias's CNAME and in its own answer.
timeout 60 "$SRVLINT" probe --server "127.0.0.1:$NSD_PORT" dup.test \
    --format json > "$tmp/out6" 2> "$tmp/err6"
rc=$?
[ $rc -eq 1 ] && ok || bad "dup.test: exit status $rc, want 1"
fields "$tmp/out6" > "$tmp/got6"
LC_ALL=C sort > "$tmp/want6" <<'WANT'
srv-target-cname error _imaps._tcp.dup.test. SRV dup.test
srv-target-hostname warning _submissions._tcp.dup.test. SRV dup.test
hostname-underscore warning mail_host.dup.test. A dup.test
WANT
expect_same "dup.test" "$tmp/got6" "$tmp/want6"

# 8. Bounded: 64 of the 100 instances are asked for, and the checker is
# told the others are unknown, so no instance is said to lack SRV or TXT.
SRVLINT_PROBE_STATS=1 timeout 60 "$SRVLINT" probe --server "127.0.0.1:$NSD_PORT" \
    many.test --format json > "$tmp/out8" 2> "$tmp/err8"
rc=$?
[ $rc -eq 0 ] && ok || bad "many.test: exit status $rc, want 0: $(cat "$tmp/out8")"
[ -s "$tmp/out8" ] && bad "many.test: findings: $(cat "$tmp/out8")" || ok
q=$(sed -n 's/.* domains*, \([0-9]*\) queries,.*/\1/p' "$tmp/err8")
# SOA, every built-in name and type, 4 DNS-SD names, the type's PTR,
# 64 x (SRV, TXT), host's A and AAAA.
builtin=$(sed 's/#.*//' "$top_srcdir/data/probe-names.txt" |
    awk 'NF == 1 { n++ } NF > 1 { n += NF - 1 } END { print n }')
want=$((1 + builtin + 4 + 1 + 64 * 2 + 2))
[ "$q" = "$want" ] && ok || bad "many.test: $q queries, want $want: $(cat "$tmp/err8")"
# ... and the user is told the walk was cut short, in one line.
[ "$(grep -c '^srvlint: probe many.test: a per-domain bound .* cut the walk short' "$tmp/err8")" = 1 ] &&
    ok || bad "many.test: no partial-walk line: $(cat "$tmp/err8")"

# 9. A target in a delegated zone: the referral is no answer.
timeout 60 "$SRVLINT" probe --server "127.0.0.1:$NSD_PORT" deleg.test \
    --format json > "$tmp/out9" 2> "$tmp/err9"
rc=$?
[ $rc -eq 1 ] && ok || bad "deleg.test: exit status $rc, want 1"
fields "$tmp/out9" > "$tmp/got9"
LC_ALL=C sort > "$tmp/want9" <<'WANT'
resolve-failure warning dc.sub.deleg.test. A deleg.test
resolve-failure warning dc.sub.deleg.test. AAAA deleg.test
WANT
expect_same "deleg.test" "$tmp/got9" "$tmp/want9"

echo "probe: $passes passed, $fails failed"
[ $fails -eq 0 ]
