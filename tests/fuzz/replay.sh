#!/bin/sh
# `make check`: replays every seed (tests/fuzz/corpus/HARNESS) and every
# regression input (tests/fuzz/regress/HARNESS, crashers found by fuzzing,
# kept once fixed) through each harness's replay driver -- the same
# LLVMFuzzerTestOneInput and invariants libFuzzer runs in .ci/fuzz -- and
# runs the regression scripts tests/fuzz/regress/*.sh on $SRVLINT.
# The zone and request harnesses also replay zones/, zones/live/,
# tests/zones-bad/ and tests/requests/.  tests/fuzz/pending/ holds crashers
# not fixed yet: not replayed here.
: "${top_srcdir:?}" "${top_builddir:?}"
fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
for h in svcname zone request registry answer probe config cmdline; do
	dirs=
	# the project's own example inputs too, as they are now
	case $h in
	zone) more="zones zones/live tests/zones-bad" ;;
	request) more="tests/requests" ;;
	*) more= ;;
	esac
	for d in "tests/fuzz/corpus/$h" "tests/fuzz/regress/$h" $more; do
		[ -d "$top_srcdir/$d" ] && dirs="$dirs $top_srcdir/$d"
	done
	if [ -z "$dirs" ]; then
		echo "FAIL: $h: no corpus in $top_srcdir/tests/fuzz/corpus/$h"
		fail=1
		continue
	fi
	# shellcheck disable=SC2086
	if "$top_builddir/tests/fuzz/replay_$h" $dirs 2> "$tmp/$h.err"; then
		echo "ok: $h: $(tail -n 1 "$tmp/$h.err")"
	else
		echo "FAIL: $h (status $?):"
		tail -n 40 "$tmp/$h.err"
		fail=1
	fi
done
# regressions that need more than one input file: scripts run on $SRVLINT
for t in "$top_srcdir"/tests/fuzz/regress/*.sh; do
	[ -f "$t" ] || continue
	if [ -z "${SRVLINT:-}" ]; then
		echo "FAIL: $t: SRVLINT not set"
		fail=1
	elif out=$(sh "$t" "$SRVLINT" 2>&1); then
		echo "ok: $(basename "$t"): $out"
	else
		echo "FAIL: $(basename "$t"): $out"
		fail=1
	fi
done
exit $fail
