# lib.sh -- sourced by the end-to-end tests: the binary under test, a
# scratch directory removed on exit, and pass/fail counting that ends in the
# plain "N passed, N failed" line.
: "${SRVLINT:?}" "${top_srcdir:?}"
fails=0 passes=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { passes=$((passes + 1)); }
bad() { fails=$((fails + 1)); echo "FAIL: $*" >&2; }

# e2e_finish NAME: the closing line, and the exit status of the test.
e2e_finish() {
	echo "$1: $passes passed, $fails failed"
	[ "$fails" -eq 0 ]
}
