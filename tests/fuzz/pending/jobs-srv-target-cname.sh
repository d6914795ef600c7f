#!/bin/sh
# PENDING (src/xref.c / src/zone.c): srv-target-cname depends on -j.
# The minimised fuzz input (zone/jobs-srv-target-cname.zone) as a CLI run:
# two $INCLUDEs of a file with an SRV to www, "www IN CNAME @", 1100 A
# records so that the second copy lands in another batch, the same again.
# -j 1 reports srv-target-cname 3 times, -j 2 twice (every run).
#   sh tests/fuzz/pending/jobs-srv-target-cname.sh [SRVLINT]
srvlint=${1:-srvlint}
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
one=$("$srvlint" check -q -j 1 -o example.com. "$dir/zone.zone" | grep -c srv-target-cname)
two=$("$srvlint" check -q -j 2 -o example.com. "$dir/zone.zone" | grep -c srv-target-cname)
[ "$one" = "$two" ] || { echo "jobs-srv-target-cname: -j 1: $one, -j 2: $two findings"; exit 1; }
echo "jobs-srv-target-cname: $one with -j 1 and -j 2"
