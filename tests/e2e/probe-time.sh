#!/bin/bash
# probe-time.sh -- probe's time bound and its standard descriptors:
# --max-time ends a domain against a server that never answers (baddns'
# "silence"), whatever --timeout and --tries say; with standard error
# closed nothing srvlint writes reaches the DNS server (c-ares' socket must
# not become descriptor 2); with standard output closed no query is sent.
set -u
: "${SRVLINT:?}" "${top_srcdir:?}" "${top_builddir:?}"
. "$top_srcdir/tests/e2e/probe-lib.sh"

tmp=$(mktemp -d)
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap 'stop; rm -rf "$tmp"' EXIT
baddns_start 120
pids+=("$baddns_pid")

now_ms() { date +%s%3N; }
# The upper bounds allow for start-up; under make check-valgrind, where
# start-up alone takes seconds, only the lower bounds and the findings hold.
slack=2000
[ -n "${SRVLINT_REAL:-}" ] && slack=60000

# 1. A silent server, 100 s first try, 10 tries (c-ares alone: 28 hours):
#    --max-time 1 ends the domain after 1 s with resolve-timeout.
t0=$(now_ms)
timeout 30 "$SRVLINT" probe --no-config --server "127.0.0.1:$port" --timeout 100000 --tries 10 \
    --max-time 1 --format json silence.test > "$tmp/out" 2> "$tmp/err"
rc=$? ms=$(( $(now_ms) - t0 ))
no_sanitizer_report "max-time" "$tmp/err"
[ $rc -eq 2 ] && [ $ms -ge 1000 ] && [ $ms -lt $((1000 + slack)) ] && ok || bad "--max-time 1: exit $rc after $ms ms"
[ "$(cat "$tmp/out")" = '{"owner": "silence.test.", "type": "SOA", "check": "resolve-timeout", "severity": "warning", "message": "no answer within the domain'"'"'s --max-time of 1 s", "domain": "silence.test"}' ] && ok || bad "max-time finding: $(cat "$tmp/out")"

# 2. Two domains, the second opened 0.5 s later, whose SRV target is silent:
#    the first one's deadline cancels c-ares' queries; the second's are
#    asked again and end at its own deadline, 1.5 s from the start.
printf '_ok._tcp\n' > "$tmp/names"
t0=$(now_ms)
(echo silence.a; sleep 0.5; echo b.test) | timeout 30 "$SRVLINT" probe --no-config \
    --server "127.0.0.1:$port" --names "$tmp/names" --allow ok --timeout 100000 --tries 10 \
    --max-time 1 --format json -f - > "$tmp/out" 2> "$tmp/err"
rc=$? ms=$(( $(now_ms) - t0 ))
no_sanitizer_report "max-time two domains" "$tmp/err"
[ $rc -eq 1 ] && [ $ms -ge 1500 ] && [ $ms -lt $((1500 + slack)) ] && ok || bad "two domains: exit $rc after $ms ms"
fields "$tmp/out" > "$tmp/got"
cat > "$tmp/want" <<'EOF'
resolve-timeout warning silence.a. SOA silence.a
resolve-timeout warning silence.b.test. A b.test
resolve-timeout warning silence.b.test. AAAA b.test
EOF
expect_same "two domains" "$tmp/got" "$tmp/want"

# 3. The real bound without --max-time: timeout x (2^tries - 1).
t0=$(now_ms)
timeout 30 "$SRVLINT" probe -q --no-config --server "127.0.0.1:$port" --timeout 100 --tries 4 \
    --max-time 3600 silence.test > /dev/null 2> "$tmp/err"
ms=$(( $(now_ms) - t0 ))
[ $ms -ge 1500 ] && [ $ms -lt $((1500 + slack)) ] && ok || bad "100 ms x 4 tries: $ms ms, want 1500 (100+200+400+800)"

# A UDP "server" on 127.0.0.1 that never answers and records every
# datagram it gets, one hex line each.
recorder() {
	python3 -u - "$tmp/rec" <<'EOF' &
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
s.settimeout(30)
with open(sys.argv[1], "w") as out:
    try:
        while True:
            out.write(s.recv(65536).hex() + "\n")
            out.flush()
    except socket.timeout:
        pass
EOF
	pids+=($!)
}
recorder > "$tmp/rport"
rport=$(wait_line "$tmp/rport") || { echo "FAIL: recorder did not start"; exit 1; }

# 4. Standard error closed: the summary and errors go nowhere, never into
#    c-ares' socket.  Every datagram must be a DNS query of srvlint's: QR
#    clear, one question, no text of srvlint's in it.  (Not under make
#    check-valgrind: valgrind opens its log on the closed descriptor.)
cat > "$tmp/isquery.py" <<'EOF'
import sys
for line in open(sys.argv[1]):
    b = bytes.fromhex(line.strip())
    assert len(b) >= 12 and b[2] & 0x80 == 0 and b[4:6] == b"\0\1", b[:40]
    assert b"srvlint" not in b and b"errors" not in b, b[:80]
EOF
if [ -z "${SRVLINT_REAL:-}" ]; then
	: > "$tmp/rec"
	timeout 30 "$SRVLINT" probe --no-config --server "127.0.0.1:$rport" --timeout 200 --tries 1 \
	    --max-time 2 --format json example.test > "$tmp/out" 2>&-
	rc=$?
	sleep 0.2
	[ $rc -eq 2 ] && ok || bad "probe 2>&-: exit $rc"
	n=$(wc -l < "$tmp/rec")
	if [ "$n" -ge 1 ] && python3 "$tmp/isquery.py" "$tmp/rec"; then
		ok
	else
		bad "probe 2>&-: the server got something that is not a query ($n datagrams)"
	fi
fi

# 5. Standard output closed: exit 2 before any socket, no query sent.  (Not
#    under make check-valgrind: valgrind opens its log on the closed descriptor.)
if [ -z "${SRVLINT_REAL:-}" ]; then
	: > "$tmp/rec"
	timeout 30 "$SRVLINT" probe --no-config --server "127.0.0.1:$rport" --timeout 200 --tries 1 \
	    --max-time 2 example.test >&- 2> "$tmp/err"
	rc=$?
	sleep 0.2
	[ $rc -eq 2 ] && [ ! -s "$tmp/rec" ] && [ "$(cat "$tmp/err")" = "srvlint: standard output: Bad file descriptor" ] && ok ||
	    bad "probe >&-: exit $rc, $(wc -l < "$tmp/rec") datagrams, stderr $(cat "$tmp/err")"
fi

# 6. A full disk: exit 2 with the reason.
timeout 30 "$SRVLINT" probe --no-config --server "127.0.0.1:$port" --timeout 100000 --tries 10 \
    --max-time 1 silence.test > /dev/full 2> "$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -qx 'srvlint: standard output: No space left on device' "$tmp/err" && ok || bad "probe >/dev/full: exit $rc: $(cat "$tmp/err")"

echo "probe-time.sh: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
