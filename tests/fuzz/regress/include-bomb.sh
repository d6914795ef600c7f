#!/bin/sh
# Regression (fixed in zone.c 5366a83: ZONE_INCLUDE_MAX, ZONE_INCLUDE_BYTES): $INCLUDE amplification.  Eight small files, each
# including the next one N times (default 10): `srvlint check` reads
# N^7 copies of the last file's record -- 10 million for N=10, from 8 files
# of 170 bytes.  Depth (8) and loops are limited; the number of includes
# and the total bytes read through them are not, so a zone an operator did
# not write could make `check` run for hours ("never hang").
#   sh tests/fuzz/regress/include-bomb.sh [SRVLINT] [N]
# Passes when the run ends within 30 s and refuses includes (include-denied).
srvlint=${1:-srvlint}
n=${2:-10}
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
i=0
while [ $i -lt 7 ]; do
	: > "$dir/f$i.zone"
	k=0
	while [ $k -lt "$n" ]; do
		echo "\$INCLUDE f$((i + 1)).zone" >> "$dir/f$i.zone"
		k=$((k + 1))
	done
	i=$((i + 1))
done
echo '_x._tcp IN SRV 0 0 1 a' > "$dir/f7.zone"
timeout 30 "$srvlint" check -q -o example.com. "$dir/f0.zone" > "$dir/out" 2>&1
rc=$?
[ $rc -eq 124 ] && { echo "include-bomb: still running after 30 s"; exit 1; }
[ $rc -le 2 ] || { echo "include-bomb: exit status $rc"; exit 1; }
grep -q 'include-denied' "$dir/out" || { echo "include-bomb: no include-denied"; exit 1; }
echo "include-bomb: stopped with include-denied, exit status $rc"
