#!/bin/sh
# gen-man.sh IN GEN-CHECKDOC -- writes the man page: IN with the CHECKS
# section (from src/checks.def, through gen-checkdoc -m) between its marks.
set -eu
checks=$(mktemp)
trap 'rm -f "$checks"' EXIT
"$2" -m > "$checks"
awk -v checks="$checks" '
	{ print }
	/^\.\\" BEGIN CHECKS/ { while ((getline l < checks) > 0) print l }
' "$1"
