#!/bin/sh
# html.sh -- the --html service map rendered in a real headless Chromium:
# the page of zones/example.com.zone and of a 5,000-service zone hold every
# service, target, address, TXT string and finding in the DOM the browser
# builds, and their screenshots are not blank; a hostile zone with
# <script> in an instance name and a TXT string gives a page that runs
# nothing and shows the names as text.
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"
top_srcdir=$(cd "$top_srcdir" && pwd)	# the tests cd there
. "$top_srcdir/tests/e2e/chromium-lib.sh"
[ -x "$CHROMIUM" ] || { echo "SKIP: chromium not installed (apt-get install chromium)"; exit 77; }
command -v python3 > /dev/null 2>&1 || { echo "SKIP: python3 not installed"; exit 77; }
inv() { python3 "$top_srcdir/tests/e2e/inventory.py" "$@"; }

# page_holds WHAT PAGE ZONE...: the DOM of PAGE holds the inventory and the
# findings of `check ZONE...`, no script runs, and a screenshot has colour.
page_holds() {
	what=$1 page=$2
	shift 2
	chromium_dom "$page" "$tmp/dom" || { bad "$what: chromium --dump-dom failed: $(tail -n 3 "$tmp/dom.err")"; return; }
	{ "$SRVLINT" check -q --inventory --format json "$@"; "$SRVLINT" check -q --format json "$@"; } \
	    > "$tmp/expect" 2> /dev/null
	if inv in-dom "$tmp/dom" < "$tmp/expect" > "$tmp/in" 2>&1; then ok; else bad "$what: $(head -n 20 "$tmp/in")"; fi
	[ "$(inv dom-scripts "$tmp/dom")" -eq 0 ] && ok || bad "$what: the DOM holds scripts or handlers"
	grep -q '<title>srvlint service map</title>' "$tmp/dom" && ok || bad "$what: the title changed: $(grep -o '<title>.*</title>' "$tmp/dom")"
	chromium_shot "$page" "$tmp/shot.png" || { bad "$what: chromium --screenshot failed: $(tail -n 3 "$tmp/shot.png.out")"; return; }
	n=$(inv png-colors "$tmp/shot.png")
	[ "$n" -ge 10 ] && ok || bad "$what: the screenshot has $n colours: blank"
}

# 1. The README's example.
(cd "$top_srcdir" && "$SRVLINT" check -q --html "$tmp/example.html" zones/example.com.zone) > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && ok || bad "example: exit $rc, want 1: $(cat "$tmp/err")"
# "beside the usual output": the findings are still on stdout
[ "$(wc -l < "$tmp/out")" -eq 5 ] && ok || bad "example: $(wc -l < "$tmp/out") finding lines on stdout, want 5"
grep -q "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none';" "$tmp/example.html" &&
    ok || bad "example: no Content-Security-Policy forbidding scripts"
grep -q 'src=\|href="http\|url(' "$tmp/example.html" && bad "example: the page loads something" || ok
(cd "$top_srcdir" && page_holds example "$tmp/example.html" zones/example.com.zone)

# 2. 5,000 services: 2,500 DNS-SD instances of one type, 2,500 SRV owners.
awk 'BEGIN {
	print "$ORIGIN big.example.\n$TTL 300\n@ SOA ns admin 1 3600 600 86400 300\n@ NS ns\nns A 192.0.2.1"
	print "_services._dns-sd._udp PTR _http._tcp"
	for (i = 0; i < 2500; i++) {
		printf "_http._tcp PTR web%d._http._tcp\nweb%d._http._tcp SRV 0 0 80 h%d\n", i, i, i
		printf "web%d._http._tcp TXT \"path=/%d\"\nh%d A 10.0.%d.%d\n", i, i, i, int(i / 256), i % 256
		printf "_xmpp-client._tcp.u%d SRV 5 0 5222 h%d\n", i, i
	}
	print "_xmpp-client._tcp.bad SRV 5 0 5222 nowhere"
}' > "$tmp/big.zone"
"$SRVLINT" check -q --html "$tmp/big.html" "$tmp/big.zone" > /dev/null 2>&1
n=$(grep -c 'class="node svc' "$tmp/big.html")
[ "$n" -eq 5001 ] && ok || bad "5,000 services: $n service nodes in the page, want 5001"
# closed groups with their counts, so that it opens as a page of headings
grep -q '<details class="node type ok"><summary>.*2500 instances' "$tmp/big.html" && ok || bad "5,000 services: no closed _http._tcp group with its count"
grep -q '<details class="node group error"><summary>.*2501 owners' "$tmp/big.html" && ok || bad "5,000 services: no closed _xmpp-client._tcp group marked error"
page_holds "5,000 services" "$tmp/big.html" "$tmp/big.zone"

# 3. A hostile zone: markup in an instance name and in TXT strings.
cat > "$tmp/evil.zone" <<'EOF'
$ORIGIN evil.example.
$TTL 300
@ SOA ns admin 1 3600 600 86400 300
@ NS ns
ns A 192.0.2.1
h A 192.0.2.2
_services._dns-sd._udp PTR _http._tcp
_http._tcp PTR <script>document\.title=1</script>._http._tcp
<script>document\.title=1</script>._http._tcp SRV 0 0 80 h
<script>document\.title=1</script>._http._tcp TXT "path=<script>document.title=2</script>" "x=<img src=x onerror=document.title=3>" "y=\"'&amp;"
EOF
"$SRVLINT" check -q --html "$tmp/evil.html" "$tmp/evil.zone" > /dev/null 2>&1
rc=$?
[ $rc -le 1 ] && ok || bad "hostile: exit $rc"
grep -qi '<script\|<img' "$tmp/evil.html" && bad "hostile: markup from the zone is in the page raw" || ok
grep -qF '&lt;script&gt;document.title=1&lt;/script&gt;' "$tmp/evil.html" && ok || bad "hostile: the instance name is not escaped"
grep -qF '&quot;&#39;&amp;amp;' "$tmp/evil.html" && ok || bad "hostile: quotes and & are not escaped"
page_holds hostile "$tmp/evil.html" "$tmp/evil.zone"
inv dom-text "$tmp/dom" > "$tmp/text"
for s in '<script>document.title=1</script>' 'path=<script>document.title=2</script>' \
    'x=<img src=x onerror=document.title=3>' "y=\"'&amp;"; do
	grep -qF -- "$s" "$tmp/text" && ok || bad "hostile: $s not shown as text"
done

e2e_finish html.sh
