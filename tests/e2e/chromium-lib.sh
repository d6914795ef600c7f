# chromium-lib.sh -- headless Chromium for the service-map tests.
#
#   . chromium-lib.sh        (after lib.sh or probe-lib.sh: uses $tmp)
#   chromium_dom PAGE OUT     the DOM after load, serialised (--dump-dom)
#   chromium_shot PAGE PNG    a 1200x1600 screenshot
#
# CHROMIUM: the browser (default: chromium on the PATH).  A private
# profile in $tmp; no network is needed or used (file:// only).

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}

chromium_run() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$tmp/chromium" --no-first-run --disable-extensions \
	    --disable-background-networking "$@"
}

chromium_dom() {
	chromium_run --dump-dom "file://$1" > "$2" 2> "$2.err"
}

chromium_shot() {
	chromium_run --window-size=1200,1600 --screenshot="$2" "file://$1" > "$2.out" 2>&1
}
