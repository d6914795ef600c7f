#!/bin/sh
# man.sh -- docs/srvlint.1: mandoc -Tlint finds nothing in it, and it
# documents every option that `srvlint help COMMAND` lists.  Skips (77)
# without mandoc (Debian: mandoc).
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"
man=$top_srcdir/docs/srvlint.1
command -v mandoc >/dev/null || { echo "man.sh: mandoc not installed, skipped"; exit 77; }

# "outdated mandoc.db" is about this machine's man database, not the page.
mandoc -Tlint "$man" 2>&1 | grep -v 'mandoc\.db' > "$tmp/lint"
[ -s "$tmp/lint" ] && bad "mandoc -Tlint: $(cat "$tmp/lint")" || ok

for cmd in check name probe request registry explain; do
	"$SRVLINT" help "$cmd" | grep -o -- '--[a-z][a-z-]*' | sort -u > "$tmp/opts"
	[ -s "$tmp/opts" ] || bad "help $cmd lists no option"
	while read -r opt; do
		grep -q -- "^\.It \(.* \)\?Fl -${opt#--}\( \|$\)" "$man" && ok || bad "$cmd: $opt is not in the man page's OPTIONS"
	done < "$tmp/opts"
done
for sec in ENVIRONMENT "SEE ALSO" CONFIGURATION; do
	grep -q "^\.Sh $sec\$" "$man" && ok || bad "no $sec section"
done
grep -q '^\.It Ev NO_COLOR$' "$man" && ok || bad "NO_COLOR not under ENVIRONMENT"

e2e_finish man.sh
