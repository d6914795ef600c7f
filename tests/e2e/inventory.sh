#!/bin/sh
# inventory.sh -- `srvlint check --inventory` on every zone of zones/: the
# exact inventory (owner, type, targets, ports, priorities, weights,
# addresses, CNAMEs, TXT strings, finding names) of each, in
# tests/data/inventory/NAME.inv (srvlint's output when written, each line
# checked against the zone by hand), the same with one worker and with
# three; the text
# tree; the bounds (services past INVENTORY_SERVICES_MAX, early addresses
# past INVENTORY_POOL_MAX); the options refused.
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"
top_srcdir=$(cd "$top_srcdir" && pwd)	# the tests cd there
command -v python3 > /dev/null 2>&1 || { echo "SKIP: python3 not installed"; exit 77; }
inv() { python3 "$top_srcdir/tests/e2e/inventory.py" "$@"; }

# 1. Every zone's inventory, exactly, at -j 1 and -j 3.
for zone in "$top_srcdir"/zones/*.zone "$top_srcdir"/zones/live/*.zone; do
	name=${zone##*/}
	want="$top_srcdir/tests/data/inventory/${name%.zone}.inv"
	[ -f "$want" ] || { bad "$name: no $want"; continue; }
	for j in 1 3; do
		(cd "$top_srcdir" && "$SRVLINT" check -q -j $j --inventory --format json \
		    "${zone#"$top_srcdir"/}") > "$tmp/out" 2> "$tmp/err"
		rc=$?
		[ $rc -le 1 ] || bad "$name -j $j: exit $rc: $(cat "$tmp/err")"
		if inv lines < "$tmp/out" > "$tmp/got" 2> "$tmp/perr" && cmp -s "$want" "$tmp/got"; then
			ok
		else
			bad "$name -j $j: inventory differs (- want, + got): $(cat "$tmp/perr")
$(diff -u "$want" "$tmp/got" | sed -n '3,$p')"
		fi
	done
done

# 2. The text tree: findings under the node they are about.
(cd "$top_srcdir" && "$SRVLINT" check --inventory zones/example.com.zone) > "$tmp/text" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && ok || bad "text: exit $rc, want 1 (the findings still decide it)"
grep -qx '3 errors, 2 warnings, 0 notes in 1 file' "$tmp/err" && ok || bad "text: summary: $(cat "$tmp/err")"
cat > "$tmp/want" <<'EOF'
example.com.  zones/example.com.zone: 8 services, 1 DNS-SD type
  _ipp._tcp.example.com.  DNS-SD type, 1 instance announced
    Lobby._ipp._tcp.example.com.  SRV  instance "Lobby"  zones/example.com.zone:26
      printer.example.com.  port 631  priority 0  weight 0
        192.0.2.60
      TXT "txtvers=1" "rp=ipp/print" "=color"
      error: txt-key-empty
  _https._tcp.example.com.  SRV  zones/example.com.zone:21
    shop.example.com.  port 443  priority 0  weight 0  via CNAME www.example.com.
      192.0.2.80
    error: srv-target-cname
  _imap._ssl.example.com.  SRV  zones/example.com.zone:22
    imap.example.com.  port 143  priority 0  weight 0
    warning: proto-unknown
    error: srv-target-no-address
  _imaps._tcp.example.com.  SRV  zones/example.com.zone:17
    mail.example.com.  port 993  priority 0  weight 1
      192.0.2.25
      2001:db8::25
  _submissions._tcp.example.com.  SRV  zones/example.com.zone:16
    mail.example.com.  port 465  priority 0  weight 1
      192.0.2.25
      2001:db8::25
  _www._tcp.example.com.  SRV  zones/example.com.zone:20
    www.example.com.  port 80  priority 0  weight 0
      192.0.2.80
    warning: name-alias
  _xmpp-client._tcp.example.com.  SRV  zones/example.com.zone:18
    chat.example.com.  port 5222  priority 5  weight 0
      192.0.2.52
  _xmpp-server._tcp.example.com.  SRV  zones/example.com.zone:19
    chat.example.com.  port 5269  priority 5  weight 0
      192.0.2.52
EOF
cmp -s "$tmp/want" "$tmp/text" && ok || bad "text tree (- want, + got):
$(diff -u "$tmp/want" "$tmp/text" | sed -n '3,$p')"
# In colour it is the same tree with the severities coloured.
"$SRVLINT" check --inventory --color always "$top_srcdir/zones/example.com.zone" 2> /dev/null |
    grep -c "$(printf '\033\\[1;31merror\033\\[0m: ')" > "$tmp/n"
[ "$(cat "$tmp/n")" -eq 3 ] && ok || bad "--color always: $(cat "$tmp/n") red errors, want 3"

# 3. Standard input: the same services, the file called <stdin>.
"$SRVLINT" check -q --inventory --format json - < "$top_srcdir/zones/dnssd.zone" |
    inv lines --no-where > "$tmp/stdin"
(cd "$top_srcdir" && "$SRVLINT" check -q --inventory --format json zones/dnssd.zone) |
    inv lines --no-where > "$tmp/file"
cmp -s "$tmp/stdin" "$tmp/file" && ok || bad "stdin: $(diff "$tmp/file" "$tmp/stdin")"

# 4. The bounds.  17000 hosts with addresses, then an SRV record at each:
# past INVENTORY_POOL_MAX (16384) names wait for an SRV, so a file is
# read a second time for the targets' addresses; standard input cannot
# be, and says so.  Past INVENTORY_SERVICES_MAX (10000) the first owners
# in name order are kept (_s00000 ... _s09999), the rest counted.
awk 'BEGIN {
	print "$ORIGIN big.example.\n$TTL 300\n@ SOA ns admin 1 3600 600 86400 300\n@ NS ns\nns A 192.0.2.1"
	for (i = 16999; i >= 0; i--)
		printf "h%05d A 10.%d.%d.%d\n", i, int(i / 65536), int(i / 256) % 256, i % 256
	for (i = 16999; i >= 0; i--)
		printf "_s%05d._tcp SRV 0 0 %d h%05d\n", i, 1000 + i, i
}' > "$tmp/big.zone"
for j in 1 2; do
	"$SRVLINT" check -q -j $j --fail-on never --severity name-unregistered=off \
	    --inventory --format json "$tmp/big.zone" > "$tmp/big" 2> "$tmp/err"
	head -n 1 "$tmp/big" | grep -q '"services": 10000, "types": 0, "more_services": 7000, "more_types": 0, "addresses_complete": true' &&
	    ok || bad "big -j $j: $(head -n 1 "$tmp/big") $(cat "$tmp/err")"
	# every kept owner with its own host's address, none past the bound
	awk 'BEGIN { for (i = 0; i < 10000; i++) printf "_s%05d._tcp.big.example. %d 10.%d.%d.%d\n", i, 1000 + i, int(i / 65536), int(i / 256) % 256, i % 256 }' > "$tmp/want"
	sed -n 's/.*"owner": "\([^"]*\)".*"port": \([0-9]*\).*"addresses": \["\([^"]*\)"\].*/\1 \2 \3/p' "$tmp/big" > "$tmp/got"
	cmp -s "$tmp/want" "$tmp/got" && ok || bad "big -j $j: kept services (- want, + got):
$(diff -u "$tmp/want" "$tmp/got" | sed -n '3,12p')"
done
# (-j 1: with more workers the first SRV records may free the pool in time)
"$SRVLINT" check -q -j 1 --fail-on never --severity name-unregistered=off --inventory \
    --format json - < "$tmp/big.zone" > "$tmp/big-all"
head -n 1 "$tmp/big-all" > "$tmp/big"
grep -q '"addresses_complete": false' "$tmp/big" && ok || bad "big from stdin: $(cat "$tmp/big")"

# 5. Order and repeats do not show: a repeated SRV record is one target,
# TXT records come in canonical order, IPv4 before IPv6, targets by
# priority then weight (highest first), whatever the zone's order.
cat > "$tmp/order.zone" <<'EOF'
$ORIGIN o.example.
@ SOA ns admin 1 3600 600 86400 300
@ NS ns
ns A 192.0.2.1
_sip._tcp SRV 10 5 5060 h
_sip._tcp SRV 10 5 5060 H
_sip._tcp SRV 10 50 5061 h
_sip._tcp SRV 0 0 5062 h
h AAAA 2001:db8::1
h A 192.0.2.9
_services._dns-sd._udp PTR _ipp._tcp
_ipp._tcp PTR i._ipp._tcp
i._ipp._tcp SRV 0 0 631 h
i._ipp._tcp TXT "txtvers=1" "rp=b"
i._ipp._tcp TXT "rp=a"
EOF
cat > "$tmp/want" <<'EOF'
domain o.example. services=2 types=1 findings=-
type _ipp._tcp.o.example. ipp/tcp subtypes=- instances=1 findings=-
service i._ipp._tcp.o.example. SRV ipp/tcp instance="i" findings=-
  target h.o.example. port=631 priority=0 weight=0 addresses=192.0.2.9,2001:db8::1
  txt "rp=a" "txtvers=1" "rp=b"
service _sip._tcp.o.example. SRV sip/tcp findings=-
  target h.o.example. port=5062 priority=0 weight=0 addresses=192.0.2.9,2001:db8::1
  target h.o.example. port=5061 priority=10 weight=50 addresses=192.0.2.9,2001:db8::1
  target h.o.example. port=5060 priority=10 weight=5 addresses=192.0.2.9,2001:db8::1
EOF
for j in 1 3; do
	"$SRVLINT" check -q -j $j --inventory --format json "$tmp/order.zone" 2> /dev/null |
	    inv lines --no-where > "$tmp/got"
	cmp -s "$tmp/want" "$tmp/got" && ok || bad "order -j $j (- want, + got):
$(diff -u "$tmp/want" "$tmp/got" | sed -n '3,$p')"
done

# 6. Refused: --inventory in a format it has none in, --html -, other commands.
for args in "check --inventory --format sarif" "check --inventory --format github" \
    "check --html -" "name --inventory _http"; do
	# shellcheck disable=SC2086
	"$SRVLINT" $args "$top_srcdir/zones/example.com.zone" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	[ $rc -eq 2 ] && grep -q '^srvlint: ' "$tmp/err" && [ ! -s "$tmp/out" ] && ok ||
	    bad "$args: exit $rc, stdout $(wc -c < "$tmp/out") bytes, $(cat "$tmp/err")"
done
# A page that cannot be written is exit 2, before any check runs.
"$SRVLINT" check --html "$tmp/no/such/dir/x.html" "$top_srcdir/zones/example.com.zone" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q 'x.html' "$tmp/err" && [ ! -s "$tmp/out" ] && ok || bad "--html unwritable: exit $rc, $(cat "$tmp/err")"
if [ -w /dev/full ]; then
	"$SRVLINT" check -q --html /dev/full "$top_srcdir/zones/example.com.zone" > /dev/null 2> "$tmp/err"
	rc=$?
	[ $rc -eq 2 ] && grep -q 'cannot write' "$tmp/err" && ok || bad "--html /dev/full: exit $rc, $(cat "$tmp/err")"
fi

e2e_finish inventory.sh
