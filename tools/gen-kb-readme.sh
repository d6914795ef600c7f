#!/bin/sh
# gen-kb-readme.sh TOP_SRCDIR -- prints the README with its table of
# de-facto names regenerated from data/defacto.tsv (between the lines
# "BEGIN de-facto names" and "END de-facto names").  `make readme` writes it
# back; tests/e2e/docs-fresh.sh fails when the README is stale.
set -eu
top=${1:?usage: gen-kb-readme.sh TOP_SRCDIR}
table=$(LC_ALL=C awk -f "$top/tools/gen-kb-readme.awk" "$top/data/defacto.tsv")
LC_ALL=C awk -v table="$table" '
	/BEGIN de-facto names/ { print; print table; skip = 1; next }
	/END de-facto names/ { skip = 0 }
	!skip { print }
' "$top/README"
