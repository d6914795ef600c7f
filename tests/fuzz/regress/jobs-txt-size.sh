#!/bin/sh
# Regression (fixed in checker.c/xref.c: txt-size summed an instance's TXT
# records partly per run in one checker and partly after the -j merge, so
# whether it fired depended on which worker read which batch).  The zone
# zone/jobs-txt-size-cli.zone is zones/dnssd.zone, 1100 A records, and
# zones/dnssd.zone again: txt-size now judges every TXT record of an
# instance in the zone, so "Office\ Printer._ipp._tcp" (226 bytes twice)
# draws a note at line 24 with any -j.
#   sh tests/fuzz/regress/jobs-txt-size.sh [SRVLINT] [RUNS]
# Passes when -j 2 and -j 3 print exactly what -j 1 prints, RUNS times
# (default 3), and -j 1 reports that one txt-size.
srvlint=${1:-srvlint}
runs=${2:-3}
zone=$(dirname "$0")/zone/jobs-txt-size-cli.zone
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
"$srvlint" check -q -j 1 -o example.com. "$zone" > "$dir/one.out"
got=$(grep '\[txt-size\]$' "$dir/one.out" | sed 's/^.*\.zone:\([0-9]*\): \([a-z]*\): .* is \([0-9]*\) bytes.*$/\1 \2 \3/')
[ "$got" = "24 note 452" ] || { echo "jobs-txt-size: -j 1 txt-size: \"$got\", want \"24 note 452\""; exit 1; }
r=0
while [ $r -lt "$runs" ]; do
	for j in 2 3; do
		"$srvlint" check -q -j $j -o example.com. "$zone" > "$dir/j.out"
		cmp -s "$dir/one.out" "$dir/j.out" || {
			echo "jobs-txt-size: -j $j differs from -j 1 (run $r):"
			diff "$dir/one.out" "$dir/j.out" | head -n 10
			exit 1
		}
	done
	r=$((r + 1))
done
echo "jobs-txt-size: txt-size at line 24 (452 bytes) with -j 1, the same output with -j 2 and -j 3 ($runs runs)"
