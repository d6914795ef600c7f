#!/bin/sh
# The README's table of de-facto names is generated from data/defacto.tsv
# (tools/gen-kb-readme.sh): fail when it is stale.  And the generator of
# src/kb_data.c refuses rows it must not compile: each a case.
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"

sh "$top_srcdir/tools/gen-kb-readme.sh" "$top_srcdir" > "$tmp/README" 2> "$tmp/err"
if diff -u "$top_srcdir/README" "$tmp/README"; then
	ok
else
	bad "README's table of de-facto names is stale: run 'make readme' and commit it"
fi
grep -q '^  _x-puppet._tcp ' "$tmp/README" && ok || bad "the table lacks _x-puppet._tcp"

# gen_kb_refuses WHY ROW: gen-kb.awk must fail on the row, naming the line.
gen_kb_refuses() {
	printf '# header\n%s\n' "$2" > "$tmp/kb.tsv"
	if LC_ALL=C awk -f "$top_srcdir/tools/gen-kb.awk" "$tmp/kb.tsv" > /dev/null 2> "$tmp/err"; then
		bad "gen-kb.awk accepted a row with $1"
	elif grep -q 'kb.tsv:[0-9]*: ' "$tmp/err"; then
		ok
	else
		bad "gen-kb.awk refused a row with $1 without naming its line: $(cat "$tmp/err")"
	fi
}
tab=$(printf '\t')
gen_kb_refuses "no source" "zq${tab}tcp${tab}defacto${tab}-${tab} "
gen_kb_refuses "four fields" "zq${tab}tcp${tab}-${tab}who"
gen_kb_refuses "an unknown kind" "zq${tab}tcp${tab}famous${tab}-${tab}who"
gen_kb_refuses "a misname without the name clients query" "zq${tab}tcp${tab}misname${tab}-${tab}who"
gen_kb_refuses "an underscore before the label" "_zq${tab}tcp${tab}defacto${tab}-${tab}who"
gen_kb_refuses "a repeated label and protocol" "zq${tab}tcp${tab}defacto${tab}-${tab}who
zq${tab}tcp${tab}defacto${tab}-${tab}again"
e2e_finish readme-fresh.sh
