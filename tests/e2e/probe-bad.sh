#!/bin/sh
# probe-bad.sh -- `srvlint probe` against a misbehaving server
# (tests/tools/baddns.c): wrong IDs, answers for other names, garbage,
# compression loops, truncation, silence ... keyed by the first label of
# each name.  srvlint must finish in bounded time with exactly the
# resolve-timeout / resolve-failure findings below, never crash (the CI
# runs this under ASan and UBSan), and never believe a record it did not
# ask for.
set -u
: "${SRVLINT:?}" "${top_srcdir:?}" "${top_builddir:?}"
. "$top_srcdir/tests/e2e/probe-lib.sh"

tmp=$(mktemp -d)
pid=
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; pid=; }
trap 'stop; rm -rf "$tmp"' EXIT
baddns_start 300
pid=$baddns_pid

# probe NAME... : probe bad.test asking for the given names as well; the
# built-in names all get a clean NXDOMAIN.  Bounded: 300 ms, 2 tries
# (3 s under make check-valgrind, where the TCP retry of a truncated answer
# alone can take longer than 300 ms and would end as resolve-timeout).
tmo=300
[ -n "${SRVLINT_REAL:-}" ] && tmo=3000
# --allow ok: the one well-answered made-up name is no finding.
probe() {
	printf '%s\n' "$@" > "$tmp/names"
	timeout 60 "$SRVLINT" probe --server "127.0.0.1:$port" --names "$tmp/names" --allow ok \
	    --timeout "$tmo" --tries 2 bad.test --format json > "$tmp/out" 2> "$tmp/err"
	rc=$?
	no_sanitizer_report "probe $*" "$tmp/err"
	[ $rc -le 2 ] || bad "probe $*: exit status $rc (124: hung; >128: crashed)"
}

probe _silence._tcp _wrongid._tcp _othername._tcp _garbage._tcp \
    _junk._tcp _loop._tcp _loop2._tcp _hugecount._tcp _shortrr._tcp \
    _trunc._tcp _noqr._tcp _servfail._tcp _refused._tcp _formerr._tcp \
    _foreign._tcp _cnameloop._tcp _ok._tcp
[ $rc -eq 1 ] && ok || bad "misbehaviours: exit status $rc, want 1"
fields "$tmp/out" > "$tmp/got"
LC_ALL=C sort > "$tmp/want" <<'WANT'
resolve-timeout warning _silence._tcp.bad.test. SRV bad.test
resolve-timeout warning _wrongid._tcp.bad.test. SRV bad.test
resolve-timeout warning _othername._tcp.bad.test. SRV bad.test
resolve-timeout warning _garbage._tcp.bad.test. SRV bad.test
resolve-failure warning _junk._tcp.bad.test. SRV bad.test
resolve-failure warning _loop._tcp.bad.test. SRV bad.test
resolve-failure warning _loop2._tcp.bad.test. SRV bad.test
resolve-failure warning _hugecount._tcp.bad.test. SRV bad.test
resolve-failure warning _shortrr._tcp.bad.test. SRV bad.test
resolve-failure warning _trunc._tcp.bad.test. SRV bad.test
resolve-failure warning _noqr._tcp.bad.test. SRV bad.test
resolve-failure warning _servfail._tcp.bad.test. SRV bad.test
resolve-failure warning _refused._tcp.bad.test. SRV bad.test
resolve-failure warning _formerr._tcp.bad.test. SRV bad.test
resolve-timeout warning silence.bad.test. A bad.test
resolve-timeout warning silence.bad.test. AAAA bad.test
WANT
expect_same "misbehaviours" "$tmp/got" "$tmp/want"
# The answer with a record for another owner: nothing of it is believed.
if grep -q -e 'evil' -e '_foreign' "$tmp/out"; then
	bad "a record for a name not asked for was checked: $(grep -e evil -e _foreign "$tmp/out")"
else
	ok
fi
# The target of _ok could not be learnt: no srv-target-no-address guess.
if grep -q 'srv-target-no-address' "$tmp/out"; then
	bad "srv-target-no-address for a target that timed out"
else
	ok
fi
# The messages say why.
grep '_loop._tcp' "$tmp/out" | grep -q 'malformed answer' && ok || bad "loop: $(grep _loop._tcp "$tmp/out")"
grep '_servfail._tcp' "$tmp/out" | grep -q 'SERVFAIL' && ok || bad "servfail: $(grep _servfail "$tmp/out")"
grep '_trunc._tcp' "$tmp/out" | grep -q 'truncated' && ok || bad "trunc: $(grep _trunc "$tmp/out")"

# A server that closes TCP connections unanswered (after a truncated UDP
# answer).  c-ares marks the whole server broken then, so it runs alone;
# the DNS-SD queries still in flight at that moment (how many depends on
# timing) fail with it: each may add a resolve-failure, nothing else.
probe _tcpclose._tcp
[ $rc -eq 1 ] && ok || bad "tcpclose: exit status $rc, want 1"
fields "$tmp/out" > "$tmp/got"
grep -qx "resolve-failure warning _tcpclose._tcp.bad.test. SRV bad.test" "$tmp/got" &&
    ok || bad "tcpclose: no resolve-failure for _tcpclose._tcp: $(cat "$tmp/got")"
grep -v -E '^resolve-failure warning (_tcpclose._tcp|_services._dns-sd._udp|b._dns-sd._udp|db._dns-sd._udp|lb._dns-sd._udp).bad.test. (SRV|PTR) bad.test$' "$tmp/got" &&
    bad "tcpclose: other findings than resolve-failure" || ok

# 300 answers of random bytes after a good header and question: whatever
# they hold, srvlint finishes (0 or 1), with no sanitizer report.
i=1
: > "$tmp/random"
while [ $i -le 300 ]; do echo "_random$i._tcp" >> "$tmp/random"; i=$((i + 1)); done
probe $(cat "$tmp/random")
[ $rc -le 1 ] && ok || bad "random answers: exit status $rc: $(tail -n 5 "$tmp/err")"

# Bounded: at most PROBE_MAX_QUERIES (1024) queries for one domain, however
# many names --names lists.
i=1
while [ $i -le 1100 ]; do echo "_n$i._tcp"; i=$((i + 1)); done > "$tmp/many"
SRVLINT_PROBE_STATS=1 timeout 60 "$SRVLINT" probe --server "127.0.0.1:$port" \
    --names "$tmp/many" bad.test --format json > "$tmp/out" 2> "$tmp/err"
rc=$?
q=$(sed -n 's/.* domains*, \([0-9]*\) queries,.*/\1/p' "$tmp/err")
[ $rc -eq 0 ] && [ "$q" = 1024 ] && ok || bad "1100 names: exit status $rc, $q queries, want 0 and 1024"

# No answer at all: the domain's own SOA is never answered.  Exit 2.
timeout 60 "$SRVLINT" probe --server "127.0.0.1:$port" --timeout 200 --tries 1 \
    silence.test --format json > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 2 ] && ok || bad "silent server: exit status $rc, want 2"
grep -q 'no answer from any server' "$tmp/err" && ok || bad "silent server: $(cat "$tmp/err")"
fields "$tmp/out" > "$tmp/got"
echo "resolve-timeout warning silence.test. SOA silence.test" > "$tmp/want"
expect_same "silent server" "$tmp/got" "$tmp/want"

# Nobody listening (the port is closed now): exit 2.
stop
timeout 60 "$SRVLINT" probe --server "127.0.0.1:$port" --timeout 200 --tries 1 \
    a.test b.test --format json > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 2 ] && ok || bad "closed port: exit status $rc, want 2"
no_sanitizer_report "closed port" "$tmp/err"

echo "probe-bad: $passes passed, $fails failed"
[ $fails -eq 0 ]
