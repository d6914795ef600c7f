#!/bin/sh
# Regression (fixed in xref.c/checker.c): srv-target-cname depended on -j.
# An SRV whose target already had an address when it was read kept no
# reference, so a CNAME beside that address read later (a zone no server
# loads, RFC 1034 section 3.6.2) was reported for some SRV records and not
# others, depending on which worker read which batch (-j 1: 3, -j 2: 2).
# srv-target-cname now reports only a target that is an alias and has no
# address, so the count is 0 for every -j.
# The minimised fuzz input (zone/jobs-srv-target-cname.zone) as a CLI run:
# two $INCLUDEs of a file with an SRV to www (and "www IN A", "$ORIGIN sub",
# an SRV to sub), "www IN CNAME @", 1100 A records so that the second copy
# lands in another batch, the same again.
#   sh tests/fuzz/regress/jobs-srv-target-cname.sh [SRVLINT] [RUNS]
# Passes when -j 2 and -j 3 print exactly what -j 1 prints, RUNS times
# (default 3), and -j 1 reports srv-target-cname 0 times and
# srv-target-no-address (the SRV to sub) 4 times.
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
noaddr=$(grep -c '\[srv-target-no-address\]$' "$dir/one.out")
[ "$one/$noaddr" = 0/4 ] || {
	echo "jobs-srv-target-cname: -j 1: $one srv-target-cname, $noaddr srv-target-no-address; want 0 and 4"
	exit 1
}
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
echo "jobs-srv-target-cname: $one srv-target-cname, $noaddr srv-target-no-address with -j 1, the same output with -j 2 and -j 3 ($runs runs)"
