#!/bin/sh
# inventory-probe.sh -- `srvlint probe --inventory` against a real NSD on
# 127.0.0.1 serving zones of zones/: same records in, same inventory out
# as `check --inventory` of the zone file, for every service probe can
# discover; what it cannot (a name neither in the built-in list nor in
# --names, a type no enumeration announces, subtypes, which DNS-SD does
# not enumerate) is exactly what is missing.  Names are compared ignoring
# case: a server may answer in another case than the zone file's.
set -u
: "${SRVLINT:?}" "${top_srcdir:?}"
. "$top_srcdir/tests/e2e/nsd-lib.sh"
. "$top_srcdir/tests/e2e/probe-lib.sh"

[ -x "$NSD" ] || { echo "SKIP: nsd not installed (apt-get install nsd)"; exit 77; }
command -v drill > /dev/null 2>&1 || { echo "SKIP: drill not installed (apt-get install ldnsutils)"; exit 77; }
command -v python3 > /dev/null 2>&1 || { echo "SKIP: python3 not installed"; exit 77; }
inv() { python3 "$top_srcdir/tests/e2e/inventory.py" "$@"; }

tmp=$(mktemp -d)
trap 'nsd_stop; rm -rf "$tmp"' EXIT
z=$(cd "$top_srcdir/zones" && pwd)
nsd_start "$tmp" office.example.org "$z/dnssd.zone" example.test "$z/live/example.test.zone" \
    example.com "$z/example.com.zone" dup.test "$z/live/dup.test.zone" || exit 1

# probe_vs_check DOMAIN ZONE [PROBE-OPTIONS]: both inventories, normalised,
# in $tmp/p and $tmp/c.
probe_vs_check() {
	d=$1 zone=$2
	shift 2
	timeout 60 "$SRVLINT" probe -q --server "127.0.0.1:$NSD_PORT" --inventory \
	    --format json "$@" "$d" > "$tmp/pj" 2> "$tmp/perr"
	prc=$?
	no_sanitizer_report "$d" "$tmp/perr"
	"$SRVLINT" check -q --inventory --format json "$zone" > "$tmp/cj" 2> "$tmp/cerr"
	crc=$?
	[ $prc -eq $crc ] && ok || bad "$d: probe exit $prc, check exit $crc: $(cat "$tmp/perr")"
	inv lines --no-where --lower --no-subtypes < "$tmp/pj" > "$tmp/p" || bad "$d: probe output"
	inv lines --no-where --lower --no-subtypes < "$tmp/cj" > "$tmp/c" || bad "$d: check output"
}

# 1. A healthy DNS-SD domain: every service, type, target, address, TXT
# string and finding, the same.
probe_vs_check office.example.org "$z/dnssd.zone"
[ $prc -eq 0 ] && ok || bad "office.example.org: probe exit $prc, want 0 (healthy)"
[ "$(grep -c '^service ' "$tmp/p")" -eq 6 ] && ok || bad "office.example.org: $(grep -c '^service ' "$tmp/p") services, want 6"
cmp -s "$tmp/c" "$tmp/p" && ok || bad "office.example.org: probe differs from check (- check, + probe):
$(diff -u "$tmp/c" "$tmp/p" | sed -n '3,$p')"
# ... and the text tree lists every service too.
timeout 60 "$SRVLINT" probe --server "127.0.0.1:$NSD_PORT" --inventory office.example.org \
    > "$tmp/text" 2> "$tmp/err"
for owner in $(grep '^service ' "$tmp/c" | cut -d' ' -f2); do
	grep -qiF -- "$owner  SRV" "$tmp/text" && ok || bad "text: $owner not listed: $(cat "$tmp/text")"
done
grep -qx '0 errors, 0 warnings, 1 note in 1 domain' "$tmp/err" && ok || bad "text summary: $(cat "$tmp/err")"
head -n 1 "$tmp/text" | grep -qx 'office.example.org.: 6 services, 5 DNS-SD types' && ok ||
    bad "text head: $(head -n 1 "$tmp/text")"

# 2. example.test with its four broken services: the same, once _ldap._sctp
# (in no built-in list) is named with --names.
printf '_ldap._sctp SRV\n' > "$tmp/names"
probe_vs_check example.test "$z/live/example.test.zone" --names "$tmp/names"
cmp -s "$tmp/c" "$tmp/p" && ok || bad "example.test: probe differs from check (- check, + probe):
$(diff -u "$tmp/c" "$tmp/p" | sed -n '3,$p')"
# Without --names, exactly that service is missing (domain counts aside).
probe_vs_check example.test "$z/live/example.test.zone"
diff "$tmp/c" "$tmp/p" | grep '^[<>]' > "$tmp/d"
cat > "$tmp/want" <<'EOF'
< domain example.test. services=13 types=2 findings=-
> domain example.test. services=12 types=2 findings=-
< service _ldap._sctp.example.test. SRV ldap/sctp findings=transport-mismatch
<   target mail.example.test. port=389 priority=0 weight=0 addresses=192.0.2.10,2001:db8::10
EOF
cmp -s "$tmp/want" "$tmp/d" && ok || bad "example.test without --names (- want, + got):
$(diff -u "$tmp/want" "$tmp/d" | sed -n '3,$p')"

# 3. example.com: no enumeration announces _ipp._tcp, so its instance is
# not found; _imap._ssl is found once named.
printf '_imap._ssl SRV\n' > "$tmp/names"
probe_vs_check example.com "$z/example.com.zone" --names "$tmp/names"
diff "$tmp/c" "$tmp/p" | grep '^[<>]' > "$tmp/d"
cat > "$tmp/want" <<'EOF'
< domain example.com. services=8 types=1 findings=-
< type _ipp._tcp.example.com. ipp/tcp subtypes=? instances=1 findings=-
< service lobby._ipp._tcp.example.com. SRV ipp/tcp instance="lobby" findings=txt-key-empty
<   target printer.example.com. port=631 priority=0 weight=0 addresses=192.0.2.60
<   txt "txtvers=1" "rp=ipp/print" "=color"
> domain example.com. services=7 types=0 findings=-
EOF
cmp -s "$tmp/want" "$tmp/d" && ok || bad "example.com (- want, + got):
$(diff -u "$tmp/want" "$tmp/d" | sed -n '3,$p')"

# 4. A record that comes in several answers is one target, one address.
probe_vs_check dup.test "$z/live/dup.test.zone"
cmp -s "$tmp/c" "$tmp/p" && ok || bad "dup.test (- check, + probe):
$(diff -u "$tmp/c" "$tmp/p" | sed -n '3,$p')"

echo "inventory-probe: $passes passed, $fails failed"
[ $fails -eq 0 ]
