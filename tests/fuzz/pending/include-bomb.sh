#!/bin/sh
# PENDING (zone.c): $INCLUDE amplification.  Eight small files, each
# including the next one N times (default 10): `srvlint check` reads
# N^7 copies of the last file's record -- 10 million for N=10, from 8 files
# of 170 bytes.  Depth (8) and loops are limited; the number of includes
# and the total bytes read through them are not, so a zone an operator did
# not write can make `check` run for hours ("never hang").
#   sh tests/fuzz/pending/include-bomb.sh [SRVLINT] [N]
# Fixed when the run stops with include-denied after a bounded amount of work.
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
timeout 30 "$srvlint" check -q -o example.com. "$dir/f0.zone" > /dev/null
rc=$?
[ $rc -eq 124 ] && { echo "include-bomb: still running after 30 s: NOT FIXED"; exit 1; }
echo "include-bomb: exit status $rc within 30 s"
