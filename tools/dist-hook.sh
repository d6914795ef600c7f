#!/bin/sh
# dist-hook.sh SRCDIR DISTDIR DIR... -- make the tarball ship what git tracks.
#
# Makefile.am's EXTRA_DIST names whole directories (DIR...), so a file added
# under them ships without a change there.  In a git checkout configured in
# place (as the README builds) those directories also hold build products,
# test logs and scratch files: every file under DIR... that git does not
# track is removed from DISTDIR.  Then every tracked file must be in DISTDIR
# (.ci/ and .gitignore excepted): a tracked file that would not ship, such as
# a header missing from every _SOURCES list, fails `make dist` by name
# instead of failing a build from the tarball later.
#
# Outside a git checkout (a build from the tarball itself, as `make
# distcheck` does) the directories hold only what shipped, so nothing is
# checked; Makefile.am has already removed the programs it builds.
set -eu
src=$1 dist=$2
shift 2

top=$(git -C "$src" rev-parse --show-toplevel 2>/dev/null) || exit 0
# A tarball unpacked inside a checkout is not that checkout.
[ "$(cd "$top" && pwd -P)" = "$(cd "$src" && pwd -P)" ] || exit 0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

git -C "$src" -c core.quotePath=false ls-files | while IFS= read -r f; do
	[ -e "$src/$f" ] && printf '%s\n' "$f"   # a file deleted but not yet committed does not ship
done | LC_ALL=C sort > "$tmp/tracked"
(cd "$dist" && find . \( -type f -o -type l \) -print | sed 's|^\./||') | LC_ALL=C sort > "$tmp/shipped"

for d in "$@"; do
	grep "^$d/" "$tmp/shipped" || true
done | LC_ALL=C sort > "$tmp/in-dirs"
LC_ALL=C comm -23 "$tmp/in-dirs" "$tmp/tracked" | while IFS= read -r f; do
	rm -f "$dist/$f"
done
for d in "$@"; do
	[ -d "$dist/$d" ] && find "$dist/$d" -depth -type d -empty -exec rmdir {} \;
done

LC_ALL=C comm -13 "$tmp/shipped" "$tmp/tracked" | grep -v -e '^\.ci/' -e '^\.gitignore$' > "$tmp/missing" || true
if [ -s "$tmp/missing" ]; then
	echo "dist: these tracked files would not ship; add them to EXTRA_DIST or a _SOURCES list in Makefile.am:" >&2
	sed 's/^/  /' "$tmp/missing" >&2
	exit 1
fi
