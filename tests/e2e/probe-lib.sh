# probe-lib.sh -- shared by the probe tests: pass/fail counting, sanitizer
# exit codes that cannot be mistaken for srvlint's 0/1/2, and a JSON field
# picker that needs no jq.

fails=0 passes=0
ok() { passes=$((passes + 1)); }
bad() { fails=$((fails + 1)); echo "FAIL: $*" >&2; }

# An ASan or UBSan report must fail the test, not look like exit status 1.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=99"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:exitcode=99"
export ASAN_OPTIONS UBSAN_OPTIONS

# fields FILE: "check severity owner type domain" for each JSON line, with
# the owner lower-cased (servers differ in the case they answer with), sorted.
fields() {
	awk '
	function field(name,   re, s) {
		re = "\"" name "\": \"([^\"\\\\]|\\\\.)*\""
		if (!match($0, re))
			return "-"
		s = substr($0, RSTART + length(name) + 5, RLENGTH - length(name) - 6)
		return s
	}
	{ print field("check"), field("severity"), tolower(field("owner")), field("type"), field("domain") }
	' "$1" | LC_ALL=C sort
}

# expect_same WHAT GOT-FILE WANT-FILE
expect_same() {
	if cmp -s "$2" "$3"; then
		ok
	else
		bad "$1: findings differ (- want, + got):"
		diff -u "$3" "$2" | sed -n '3,$p' >&2
	fi
}

# no_sanitizer_report WHAT STDERR-FILE
no_sanitizer_report() {
	if grep -q -e 'AddressSanitizer' -e 'runtime error' -e 'LeakSanitizer' "$2"; then
		bad "$1: sanitizer report:"
		cat "$2" >&2
	else
		ok
	fi
}

# wait_line FILE: the first line of FILE once something writes it (at most
# 5 s); status 1 when nothing came.
wait_line() {
	_i=0
	while [ ! -s "$1" ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
	[ -s "$1" ] && head -n 1 "$1"
}

# baddns_start SECONDS: tests/tools/baddns in the background for at most
# SECONDS ($tmp must exist); sets $port and $baddns_pid (for the caller's
# trap), or fails the test.
baddns_start() {
	_b=$top_builddir/tests/tools/baddns
	[ -x "$_b" ] || { echo "FAIL: $_b not built"; exit 1; }
	"$_b" -l "$1" > "$tmp/port" &
	baddns_pid=$!
	port=$(wait_line "$tmp/port") || { echo "FAIL: baddns did not start"; exit 1; }
}
