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

# A healthy Active Directory / Teams zone passes CI as it is.
for z in ad teams; do
	"$SRVLINT" check -q --fail-on warning "$top_srcdir/zones/$z.zone" > /dev/null 2>&1 &&
	    ok || bad "$z.zone fails --fail-on warning"
done

e2e_finish zones.sh
