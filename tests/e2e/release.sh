#!/bin/sh
# The version is written once, in configure.ac's AC_INIT (PACKAGE_VERSION
# here, from the Makefile); everything that shows it must agree: --version,
# SARIF's tool.driver, the Debian changelog, NEWS.  And the licence is the
# BSD-3-Clause text that LICENSE and debian/copyright name.
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"
: "${PACKAGE_VERSION:?}"
v=$PACKAGE_VERSION

first=$("$SRVLINT" --version | head -n 1)
case $first in
"srvlint $v ("*) ok ;;
*) bad "--version: '$first', configure.ac: $v" ;;
esac

"$SRVLINT" name --format sarif _http > "$tmp/sarif"
python3 - "$tmp/sarif" "$v" <<'PY' && ok || bad "SARIF tool.driver version"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]["tool"]["driver"]
assert d["version"] == sys.argv[2], d["version"]
assert d.get("semanticVersion", sys.argv[2]) == sys.argv[2], d["semanticVersion"]
PY

got=$(sed -n '1s/^srvlint (\([^)]*\)) .*/\1/p' "$top_srcdir/distro/deb/debian/changelog")
[ "$got" = "$v" ] && ok ||
	bad "distro/deb/debian/changelog is at '$got', configure.ac at $v: add an entry (dch -v $v, or by hand)"

got=$(grep -m1 '^srvlint [0-9]' "$top_srcdir/NEWS" | cut -d' ' -f2)
[ "$got" = "$v" ] && ok || bad "NEWS begins with '$got', configure.ac says $v: add the release's section"

# No source file spells the version itself.
if grep -n -F "\"$v\"" "$top_srcdir"/src/*.c "$top_srcdir"/src/*.h; then
	bad "the version is written in src/: use PACKAGE_VERSION"
else
	ok
fi

grep -q '^3\. Neither the name of the copyright holder nor the names of its$' "$top_srcdir/LICENSE" &&
	grep -q '^Copyright (c) [0-9]*, The srvlint authors' "$top_srcdir/LICENSE" && ok || bad "LICENSE is not BSD-3-Clause of the srvlint authors"
grep -q '^License: BSD-3-Clause$' "$top_srcdir/distro/deb/debian/copyright" && ok || bad "debian/copyright does not say BSD-3-Clause"

e2e_finish release
