#!/bin/sh
# `make check`: replays every seed (tests/fuzz/corpus/HARNESS) and every
# regression input (tests/fuzz/regress/HARNESS, crashers found by fuzzing,
# kept once fixed) through each harness's replay driver -- the same
# LLVMFuzzerTestOneInput and invariants libFuzzer runs in .ci/fuzz.
# tests/fuzz/pending/ holds crashers not fixed yet: not replayed here.
: "${top_srcdir:?}" "${top_builddir:?}"
fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
for h in svcname zone request registry answer; do
	dirs=
	for d in "$top_srcdir/tests/fuzz/corpus/$h" "$top_srcdir/tests/fuzz/regress/$h"; do
		[ -d "$d" ] && dirs="$dirs $d"
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
exit $fail
