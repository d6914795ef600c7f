#!/bin/sh
# zones-real.sh -- issue 11's corpus: small zones from the test suites of
# BIND, NSD and Knot (tests/zones-real/, each with its source, licence and
# origin in its header) that exercise RR types ldns 1.8 cannot parse, the
# directives and the odd-but-valid syntax.  named-checkzone is the oracle:
# every file must load with it (-i local), and then srvlint must read every
# record without an error-level parse-error, with the same bytes at -j 1
# and -j 2.  Where named-checkzone (bind9-utils, in the README's set-up
# command) is absent, only the oracle's half is left out.
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"
oracle=named-checkzone
command -v named-checkzone > /dev/null 2>&1 || { oracle=; echo "named-checkzone not installed: srvlint's half only"; }
dir="$top_srcdir/tests/zones-real"
n=0
for z in "$dir"/*.zone; do
	n=$((n + 1))
	origin=$(sed -n 's/^; origin: //p' "$z" | head -1)
	[ -n "$origin" ] || { bad "$z: no origin line"; continue; }
	if [ -n "$oracle" ]; then
		named-checkzone -i local -q "$origin" "$z" && ok || { bad "$z: named-checkzone does not load it (origin $origin)"; continue; }
	fi
	"$SRVLINT" check -q -j 1 -o "$origin" --format json "$z" > "$tmp/j1" 2> "$tmp/e1"
	"$SRVLINT" check -q -j 2 -o "$origin" --format json "$z" > "$tmp/j2" 2> "$tmp/e2"
	if grep '"check": "parse-error", "severity": "error"' "$tmp/j1" > "$tmp/pe"; then
		bad "$z: parse-error on a zone BIND loads: $(head -3 "$tmp/pe")"
	else
		ok
	fi
	grep -q '"check": "zone-empty"' "$tmp/j1" && bad "$z: zone-empty" || ok
	[ ! -s "$tmp/e1" ] && ok || bad "$z: stderr: $(cat "$tmp/e1")"
	cmp -s "$tmp/j1" "$tmp/j2" && ok || bad "$z: -j 1 and -j 2 differ"
done
[ "$n" -ge 30 ] && ok || bad "only $n zones in $dir"
e2e_finish zones-real.sh
