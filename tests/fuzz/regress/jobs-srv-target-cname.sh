#!/bin/sh
# Regression (fixed in checker.c: an SRV whose target already had an
# address was let go, so a CNAME at the target read later -- in the same
# worker or not -- was missed for it, and the count depended on -j).
# The minimised fuzz input (zone/jobs-srv-target-cname.zone) as a CLI run:
# two $INCLUDEs of a file with an SRV to www (and "www IN A", "$ORIGIN sub"),
# "www IN CNAME @", 1100 A records so that the second copy lands in another
# batch, the same again.  Every one of the 4 SRV records at www is reported.
#   sh tests/fuzz/regress/jobs-srv-target-cname.sh [SRVLINT] [RUNS]
# Passes when -j 2 and -j 3 print exactly what -j 1 prints, RUNS times
# (default 3), and -j 1 reports srv-target-cname 4 times.
srvlint=${1:-srvlint}
runs=${2:-3}
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
printf '_http._tcp IN SRV 0 0 80 www\nwww IN A 192.0.2.1\n$ORIGIN sub\n_www._tcp IN SRV 0 0 80 @\n' > "$dir/inc.zone"
part='$INCLUDE inc.zone
$INCLUDE inc.zone
www IN CNAME @
'
{
	printf '%s' "$part"
	i=0
	while [ $i -lt 1100 ]; do echo "f$i IN A 192.0.2.1"; i=$((i + 1)); done
	printf '%s' "$part"
} > "$dir/zone.zone"
"$srvlint" check -q -j 1 -o example.com. "$dir/zone.zone" > "$dir/one.out"
one=$(grep -c '\[srv-target-cname\]$' "$dir/one.out")
[ "$one" = 4 ] || { echo "jobs-srv-target-cname: -j 1: $one srv-target-cname, want 4"; exit 1; }
r=0
while [ $r -lt "$runs" ]; do
	for j in 2 3; do
		"$srvlint" check -q -j $j -o example.com. "$dir/zone.zone" > "$dir/j.out"
		cmp -s "$dir/one.out" "$dir/j.out" || {
			echo "jobs-srv-target-cname: -j $j differs from -j 1 (run $r):"
			diff "$dir/one.out" "$dir/j.out" | head -n 10
			exit 1
		}
	done
	r=$((r + 1))
done
echo "jobs-srv-target-cname: $one with -j 1, the same output with -j 2 and -j 3 ($runs runs)"
