#!/bin/sh
# srvlint check on the annotated zones in zones/*.zone.
#
# Every finding a zone should draw is written on the record's first line:
#     _www._tcp  SRV 0 5 80 web   ; expect: name-alias warning
# several separated by commas (cross-record findings are annotated on the
# line they are reported on).  The test asserts that the exact set of
# (line, check, severity) srvlint reports equals the annotations, with one
# worker and with several, and that a zone whose annotations hold no error
# and no warning passes with the default --fail-on warning (exit 0), and any
# other zone fails it (exit 1).
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"


# The annotations of a zone: "LINE CHECK SEVERITY", one a line, sorted.
expected() {
	awk '{
		i = index($0, "; expect:")
		if (i == 0)
			next
		n = split(substr($0, i + 9), a, ",")
		for (k = 1; k <= n; k++) {
			split(a[k], f, " ")
			if (f[1] != "")
				print NR, f[1], f[2]
		}
	}' "$1" | LC_ALL=C sort
}

# The findings of srvlint's JSON Lines: "LINE CHECK SEVERITY", sorted.
found() {
	# owner and type are absent where a finding has none ($INCLUDE lines).
	sed -n 's/^{"file": "[^"]*", "line": \([0-9]*\), .*"check": "\([a-z0-9-]*\)", "severity": "\([a-z]*\)".*/\1 \2 \3/p' "$1" |
	    LC_ALL=C sort
}

nzones=0
for zone in "$top_srcdir"/zones/*.zone; do
	name=${zone##*/}
	nzones=$((nzones + 1))
	expected "$zone" > "$tmp/want"
	if grep -q -E ' (error|warning)$' "$tmp/want"; then want_rc=1; else want_rc=0; fi
	for j in 1 3; do
		"$SRVLINT" check -q -j "$j" --format json "$zone" > "$tmp/out" 2> "$tmp/err"
		rc=$?
		found "$tmp/out" > "$tmp/got"
		# Every line of output must be a finding the pattern understood.
		[ "$(wc -l < "$tmp/out")" -eq "$(wc -l < "$tmp/got")" ] ||
		    bad "$name -j $j: output lines the test cannot read: $(cat "$tmp/out")"
		if cmp -s "$tmp/want" "$tmp/got"; then
			ok
		else
			bad "$name -j $j: findings differ from the annotations (< want, > got):
$(diff "$tmp/want" "$tmp/got" | grep '^[<>]')"
		fi
		[ "$rc" -eq "$want_rc" ] && ok || bad "$name -j $j: exit $rc, want $want_rc ($(cat "$tmp/err"))"
	done
done
[ "$nzones" -gt 0 ] || bad "no zones in $top_srcdir/zones"

# A misname's finding names the name clients query: every "; names: X"
# line draws a finding at that line whose message holds X (issue 10).
"$SRVLINT" check -q -j 1 --format json "$top_srcdir/zones/misnames.zone" > "$tmp/out" 2>&1
awk 'match($0, /; names: _[a-z0-9._-]*/) { print NR, substr($0, RSTART + 9, RLENGTH - 9) }' \
    "$top_srcdir/zones/misnames.zone" > "$tmp/names"
n=0
while read -r line want; do
	n=$((n + 1))
	grep "^{\"file\": \"[^\"]*\", \"line\": $line, " "$tmp/out" |
	    grep -q -F -e "clients query $want" -e "browsing for $want" &&
	    ok || bad "misnames.zone:$line: no finding names $want"
done < "$tmp/names"
[ "$n" -ge 15 ] && ok || bad "misnames.zone: only $n names: lines"

# The zone of deployed names has no warning or error at all (issue 10).
grep -E '; expect:.* (warning|error)' "$top_srcdir/zones/deployed.zone" &&
    bad "deployed.zone is annotated with a warning or error" || ok

# Issue 10 item 8: a label over 63 bytes is said so (ldns says only "Syntax
# error"), for the owner and for a name in the data; and without an origin
# a relative owner is not shown as "." or hung off the root.
printf '$ORIGIN x.example.\n%s._ipp._tcp SRV 0 0 631 h\n_ipp._tcp PTR %s._ipp._tcp\n' \
    "$(printf 'a%.0s' $(seq 70))" "$(printf 'b%.0s' $(seq 64))" > "$tmp/long.zone"
"$SRVLINT" check -q --format json "$tmp/long.zone" > "$tmp/out" 2>&1
[ "$(grep -c '"check": "parse-error".*is 70 bytes long; a DNS label has at most 63' "$tmp/out")" = 1 ] &&
    ok || bad "70-byte owner label: $(cat "$tmp/out")"
[ "$(grep -c '"check": "parse-error".*is 64 bytes long; a DNS label has at most 63' "$tmp/out")" = 1 ] &&
    ok || bad "64-byte label in PTR data: $(cat "$tmp/out")"
printf '@ TXT "x"\n_x._tcp SRV 0 0 1 h.example.\n' > "$tmp/noorigin.zone"
"$SRVLINT" check -q --format json "$tmp/noorigin.zone" > "$tmp/out" 2>&1
[ "$(grep -c '"check": "parse-error"' "$tmp/out")" = 2 ] && ok || bad "no origin: $(cat "$tmp/out")"
grep -q '"owner"' "$tmp/out" && bad "no origin: an owner is shown: $(cat "$tmp/out")" || ok

# A healthy Active Directory / Teams zone passes CI as it is.
for z in ad teams; do
	"$SRVLINT" check -q --fail-on warning "$top_srcdir/zones/$z.zone" > /dev/null 2>&1 &&
	    ok || bad "$z.zone fails --fail-on warning"
done

e2e_finish zones.sh
