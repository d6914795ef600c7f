#!/bin/sh
# html-probe.sh -- `srvlint probe --html` against a real NSD on 127.0.0.1,
# rendered in headless Chromium: the page of a probed domain holds every
# service, target, address, TXT string and finding the probe found, runs no
# script, and its screenshot is not blank.
set -u
: "${SRVLINT:?}" "${top_srcdir:?}"
. "$top_srcdir/tests/e2e/nsd-lib.sh"
. "$top_srcdir/tests/e2e/probe-lib.sh"
tmp=$(mktemp -d)
. "$top_srcdir/tests/e2e/chromium-lib.sh"

[ -x "$NSD" ] || { echo "SKIP: nsd not installed (apt-get install nsd)"; rm -rf "$tmp"; exit 77; }
command -v drill > /dev/null 2>&1 || { echo "SKIP: drill not installed (apt-get install ldnsutils)"; rm -rf "$tmp"; exit 77; }
[ -x "$CHROMIUM" ] || { echo "SKIP: chromium not installed (apt-get install chromium)"; rm -rf "$tmp"; exit 77; }
command -v python3 > /dev/null 2>&1 || { echo "SKIP: python3 not installed"; rm -rf "$tmp"; exit 77; }
inv() { python3 "$top_srcdir/tests/e2e/inventory.py" "$@"; }

trap 'nsd_stop; rm -rf "$tmp"' EXIT
z=$(cd "$top_srcdir/zones" && pwd)
nsd_start "$tmp" office.example.org "$z/dnssd.zone" example.test "$z/live/example.test.zone" || exit 1

# Both domains on one page: the findings on stdout, the page beside them.
probe() {
	timeout 60 "$SRVLINT" probe -q --server "127.0.0.1:$NSD_PORT" "$@" \
	    office.example.org example.test
}
probe --format json --html "$tmp/page.html" > "$tmp/findings" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && ok || bad "probe --html: exit $rc, want 1: $(cat "$tmp/err")"
no_sanitizer_report "probe --html" "$tmp/err"
[ "$(wc -l < "$tmp/findings")" -eq 5 ] && ok || bad "probe --html: $(wc -l < "$tmp/findings") findings on stdout, want 5"
probe --inventory --format json > "$tmp/inventory" 2> /dev/null
[ "$(grep -c '"kind": "service"' "$tmp/inventory")" -eq 18 ] && ok ||
    bad "probe --inventory: $(grep -c '"kind": "service"' "$tmp/inventory") services, want 18 (6 + 12)"
grep -q '<footer>3 errors, 1 warning, 1 note in 2 domains' "$tmp/page.html" && ok || bad "page summary: $(grep footer "$tmp/page.html")"

chromium_dom "$tmp/page.html" "$tmp/dom" || bad "chromium --dump-dom failed: $(tail -n 3 "$tmp/dom.err")"
if cat "$tmp/inventory" "$tmp/findings" | inv in-dom "$tmp/dom" > "$tmp/in" 2>&1; then ok; else bad "the page: $(head -n 20 "$tmp/in")"; fi
[ "$(inv dom-scripts "$tmp/dom")" -eq 0 ] && ok || bad "the DOM holds scripts or handlers"
chromium_shot "$tmp/page.html" "$tmp/shot.png" || bad "chromium --screenshot failed: $(tail -n 3 "$tmp/shot.png.out")"
n=$(inv png-colors "$tmp/shot.png")
[ "$n" -ge 10 ] && ok || bad "the screenshot has $n colours: blank"

echo "html-probe: $passes passed, $fails failed"
[ $fails -eq 0 ]
