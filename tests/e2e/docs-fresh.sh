#!/bin/sh
# docs/checks.md is generated from src/checks.def: fail when it is stale.
set -eu
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
"$top_builddir/tools/gen-checkdoc" > "$fresh"
if ! diff -u "$top_srcdir/docs/checks.md" "$fresh"; then
	echo "docs/checks.md is stale: run 'make docs' and commit it" >&2
	exit 1
fi
"$top_srcdir/tools/gen-man.sh" "$top_srcdir/docs/srvlint.1.in" "$top_builddir/tools/gen-checkdoc" > "$fresh"
if ! diff -u "$top_srcdir/docs/srvlint.1" "$fresh"; then
	echo "docs/srvlint.1 is stale: run 'make docs' and commit it" >&2
	exit 1
fi
echo "1 passed, 0 failed"
