#!/bin/bash
# The command line and the configuration file, end to end: configuration
# discovery (cli.md), the checks on the file, option errors, help and
# version, and the output that cannot be written (issue 15: /dev/full,
# closed descriptors, a reader that leaves).
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"
top=$(cd "$top_srcdir" && pwd)
zone=$top/zones/example.com.zone
# seconds a run may take (a FIFO must not hang); valgrind is far slower
limit=10
[ -n "${SRVLINT_REAL:-}" ] && limit=300

# run WANT-RC WHAT CMD...: the exit status, and stderr in $tmp/err
run() {
	local want=$1 what=$2
	shift 2
	timeout "$limit" "$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	[ "$rc" -eq "$want" ] && ok || bad "$what: exit $rc, want $want: $(head -c 300 "$tmp/err")"
}
# err_is WHAT TEXT: stderr is exactly TEXT
err_is() {
	[ "$(cat "$tmp/err")" = "$2" ] && ok || bad "$1: stderr $(head -c 300 "$tmp/err"), want $2"
}
# every_line_prefixed WHAT: each stderr line begins with "srvlint: "
every_line_prefixed() {
	if [ -s "$tmp/err" ] && ! grep -qv '^srvlint: ' "$tmp/err"; then ok; else bad "$1: stderr not all 'srvlint: ': $(head -c 300 "$tmp/err")"; fi
}

# ---- configuration discovery ---------------------------------------------
# A repository: .git at the root, the configuration there, run two levels down.
repo=$tmp/repo
mkdir -p "$repo/.git" "$repo/zones/sub"
printf '# in-house names\nseverity name-alias=off\n' > "$repo/.srvlint.conf"
(cd "$repo/zones/sub" && run 0 "conf at the repository root, run in a subdirectory" "$SRVLINT" name -q _www)
(cd "$repo/zones/sub" && run 1 "--no-config" "$SRVLINT" name -q --no-config _www)
# A worktree's .git is a file: a root as well.
mkdir -p "$tmp/wt/a" && : > "$tmp/wt/.git" && cp "$repo/.srvlint.conf" "$tmp/wt/"
(cd "$tmp/wt/a" && run 0 ".git file is a root" "$SRVLINT" name -q _www)
# Never above the repository's root.
mkdir -p "$tmp/above/inner/.git" "$tmp/above/inner/d"
cp "$repo/.srvlint.conf" "$tmp/above/"
(cd "$tmp/above/inner/d" && run 1 "conf above the root is not read" "$SRVLINT" name -q _www)
# Outside a repository, only the current directory's.
mkdir -p "$tmp/norepo/d" && cp "$repo/.srvlint.conf" "$tmp/norepo/"
(cd "$tmp/norepo/d" && run 1 "outside a repository: parent not read" "$SRVLINT" name -q _www)
(cd "$tmp/norepo" && run 0 "outside a repository: current directory read" "$SRVLINT" name -q _www)
# The nearest one wins.
printf 'severity name-alias=error\n' > "$repo/zones/.srvlint.conf"
(cd "$repo/zones/sub" && run 1 "nearest conf wins" "$SRVLINT" name _www)
grep -q '^_www: error: ' "$tmp/out" && ok || bad "nearest conf: $(cat "$tmp/out")"
rm "$repo/zones/.srvlint.conf"

# ---- configuration files that are refused ----------------------------------
bad_conf() {	# bad_conf WHAT EXPECTED-STDERR (a .srvlint.conf set up in $tmp/bc)
	(cd "$tmp/bc" && run 2 "$1" "$SRVLINT" name -q _http)
	err_is "$1" "$2"
}
mkdir -p "$tmp/bc/.git"
printf 'allow minecraft\n' > "$tmp/bc/.srvlint.conf"
chmod g+w "$tmp/bc/.srvlint.conf"
bad_conf "group-writable" "srvlint: $tmp/bc/.srvlint.conf: writable by group or others, so refused (chmod go-w $tmp/bc/.srvlint.conf)"
chmod go-w "$tmp/bc/.srvlint.conf"; chmod o+w "$tmp/bc/.srvlint.conf"
bad_conf "other-writable" "srvlint: $tmp/bc/.srvlint.conf: writable by group or others, so refused (chmod go-w $tmp/bc/.srvlint.conf)"
chmod o-w "$tmp/bc/.srvlint.conf"
if [ "$(id -u)" = 0 ]; then
	chown 65534 "$tmp/bc/.srvlint.conf"
	bad_conf "another user's" "srvlint: $tmp/bc/.srvlint.conf: belongs to another user (uid 65534), so refused"
	chown 0 "$tmp/bc/.srvlint.conf"
fi
rm "$tmp/bc/.srvlint.conf"; mkfifo "$tmp/bc/.srvlint.conf"
bad_conf "a FIFO (must not hang)" "srvlint: $tmp/bc/.srvlint.conf: not a regular file"
rm "$tmp/bc/.srvlint.conf"; mkdir "$tmp/bc/.srvlint.conf"
bad_conf "a directory" "srvlint: $tmp/bc/.srvlint.conf: not a regular file (a directory)"
rmdir "$tmp/bc/.srvlint.conf"; ln -s /dev/zero "$tmp/bc/.srvlint.conf"
bad_conf "a symlink to /dev/zero" "srvlint: $tmp/bc/.srvlint.conf: not a regular file"
rm "$tmp/bc/.srvlint.conf"; ln -s "$tmp/nowhere" "$tmp/bc/.srvlint.conf"
bad_conf "a dangling symlink" "srvlint: $tmp/bc/.srvlint.conf: No such file or directory"
rm "$tmp/bc/.srvlint.conf"
(cd "$tmp/bc" && run 0 "--no-config beside nothing" "$SRVLINT" name -q --no-config _http)

run 2 "--config /dev/zero" "$SRVLINT" name --config /dev/zero _http
err_is "--config /dev/zero" "srvlint: /dev/zero: not a regular file"
run 2 "--config DIR" "$SRVLINT" name --config "$tmp" _http
err_is "--config DIR" "srvlint: $tmp: not a regular file (a directory)"
run 2 "--config missing" "$SRVLINT" name --config "$tmp/missing.conf" _http
err_is "--config missing" "srvlint: $tmp/missing.conf: No such file or directory"
printf 'allow minecraft\nfail-on error\0 note\n' > "$tmp/nul.conf"
run 2 "a NUL byte" "$SRVLINT" name --config "$tmp/nul.conf" _http
err_is "a NUL byte" "srvlint: $tmp/nul.conf:2: a NUL byte in the line"
{ echo 'allow minecraft'; printf 'allow %05000d\n' 1; } > "$tmp/long.conf"
run 2 "a long line" "$SRVLINT" name --config "$tmp/long.conf" _http
err_is "a long line" "srvlint: $tmp/long.conf:2: a line longer than 4096 bytes"
head -c 1048577 /dev/zero | tr '\0' '\n' > "$tmp/big.conf"
run 2 "a file over 1 MB" "$SRVLINT" name --config "$tmp/big.conf" _http
err_is "a file over 1 MB" "srvlint: $tmp/big.conf: larger than 1048576 bytes, so refused"
head -c 1048576 /dev/zero | tr '\0' '\n' > "$tmp/big.conf"
run 0 "a file of exactly 1 MB" "$SRVLINT" name -q --config "$tmp/big.conf" _http
printf 'allow minecraft\n\n  # a comment\nfail-on = error\nseverity name-alias=off,name-unregistered=error\nno-such-option 3\n' > "$tmp/unk.conf"
run 2 "an unknown option" "$SRVLINT" name --config "$tmp/unk.conf" _http
err_is "an unknown option" "srvlint: $tmp/unk.conf:6: unknown option \"no-such-option\""
printf 'quiet yes\n' > "$tmp/val.conf"
run 2 "a value for a flag" "$SRVLINT" name --config "$tmp/val.conf" _http
err_is "a value for a flag" "srvlint: $tmp/val.conf:1: option \"quiet\" takes no value"
printf 'allow minecraft\n--severity = name-alias=error\nquiet\n' > "$tmp/ok.conf"
run 1 "the file's syntax" "$SRVLINT" name --config "$tmp/ok.conf" _minecraft _www
[ "$(cat "$tmp/out")" = '_www: error: "www" is an alias of "http"; clients browsing for _http will not find this [name-alias]' ] && [ ! -s "$tmp/err" ] && ok || bad "the file's syntax: $(cat "$tmp/out" "$tmp/err")"

# ---- option errors: srvlint's own, prefixed, escaped -------------------------
run 2 "an option with ESC" "$SRVLINT" check $'--\e[2J' "$zone"
err_is "an option with ESC" 'srvlint: unknown option "--\027[2J" (srvlint help check lists them)'
run 2 "a short option" "$SRVLINT" name -x _http
err_is "a short option" 'srvlint: unknown option "-x" (srvlint help name lists them)'
run 2 "a missing value" "$SRVLINT" check "$zone" --format
err_is "a missing value" 'srvlint: option --format needs a value (text|json|sarif|github|gitlab)'
run 2 "a bad value" "$SRVLINT" check --format=yaml "$zone"
err_is "a bad value" 'srvlint: --format: expected text|json|sarif|github|gitlab, not "yaml"'
run 2 "--tries is capped" "$SRVLINT" probe --tries 11 example.com
every_line_prefixed "--tries 11"
run 2 "--max-time 0" "$SRVLINT" probe --max-time 0 example.com
every_line_prefixed "--max-time 0"
run 2 "an unknown command" "$SRVLINT" frobnicate
err_is "an unknown command" 'srvlint: unknown command "frobnicate" (srvlint --help lists them)'
run 2 "no command" "$SRVLINT"
grep -q '^usage: srvlint check' "$tmp/err" && ok || bad "no command: usage on stderr"
run 2 "an unreadable file" "$SRVLINT" check "$tmp/none.zone"
err_is "an unreadable file" "srvlint: $tmp/none.zone: No such file or directory
0 errors, 0 warnings, 0 notes in 0 files"

# --severity takes a comma list, all of it or nothing.
run 1 "--severity list" "$SRVLINT" check -q --no-config --severity name-alias=off,proto-unknown=note,txt-key-empty=off "$zone"
[ "$(cut -d' ' -f2 "$tmp/out" | tr '\n' ' ')" = "note: error: error: " ] && ok || bad "--severity list: $(cat "$tmp/out")"
run 2 "--severity list with a bad item" "$SRVLINT" check --severity name-alias=off,nope=note "$zone"
err_is "--severity bad item" 'srvlint: --severity: unknown check "nope" (srvlint explain lists them)'

# ---- help and version, in any position ----------------------------------------
for args in "--help" "-h" "help" "check --help" "name _x -h"; do
	run 0 "srvlint $args" "$SRVLINT" $args
	grep -q '^usage: srvlint ' "$tmp/out" && ok || bad "srvlint $args: no usage on stdout"
done
run 0 "srvlint help probe" "$SRVLINT" help probe
head -1 "$tmp/out" | grep -q '^usage: srvlint probe ' && grep -q -- '--max-time SECONDS' "$tmp/out" && grep -q -- '--tries N' "$tmp/out" && ! grep -q -- '--origin' "$tmp/out" && ok || bad "help probe: $(cat "$tmp/out")"
run 0 "srvlint check --help" "$SRVLINT" check "$zone" --help
head -1 "$tmp/out" | grep -q '^usage: srvlint check ' && grep -q -- '-j, --jobs N' "$tmp/out" && ok || bad "check --help: $(head -3 "$tmp/out")"
run 2 "help of no command" "$SRVLINT" help nope
ver=$("$SRVLINT" --version)
case "$ver" in "srvlint "*" (IANA registry snapshot "*")") ok ;; *) bad "--version: $ver" ;; esac
for args in "-V" "name _x --version" "check -V nothing.zone" "--version --no-config"; do
	run 0 "srvlint $args" "$SRVLINT" $args
	[ "$(cat "$tmp/out")" = "$ver" ] && ok || bad "srvlint $args: $(cat "$tmp/out")"
done
run 0 "--version --registry XML" "$SRVLINT" --version --registry "$top/data/service-names-port-numbers.xml"
date=$(sed -n 's:.*<updated>\(.*\)</updated>.*:\1:p' "$top/data/service-names-port-numbers.xml" | head -1)
grep -q "IANA registry $top/data/service-names-port-numbers.xml, dated $date)" "$tmp/out" && ok || bad "--version --registry: $(cat "$tmp/out") (date $date)"

# ---- explain --format json ------------------------------------------------------
run 0 "explain --format json" "$SRVLINT" explain --format json
python3 - "$tmp/out" "$(ls "$top/src/checks.def")" <<'EOF' && ok || bad "explain json"
import json, re, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
names = re.findall(r'^CHECK\(\w+,\s*"([a-z0-9-]+)"', open(sys.argv[2]).read(), re.M)
assert [r["check"] for r in rows] == names, "not every check, in table order"
assert all(set(r) == {"check", "severity", "reference", "summary", "fix"} for r in rows)
EOF

# ---- registry --format json ------------------------------------------------------
run 1 "registry --format json" "$SRVLINT" registry --format json _www 80/tcp no-such-name-x 9/dccp
python3 - "$tmp/out" <<'EOF' && ok || bad "registry json: $(head -c 400 "$tmp/out")"
import json, sys
www, port, none, dccp = [json.loads(l) for l in open(sys.argv[1])]
assert www["input"] == "_www" and www["found"] and www["name"] == "www" and www["alias_of"] == "http"
assert www["transports"] == ["tcp", "udp"] and {"port": 80, "port_last": 80, "transport": "tcp", "name": "www", "description": www["description"]} in www["ports"]
assert port["kind"] == "port" and port["found"] and "http" in [a["name"] for a in port["assignments"]]
assert all(a["transport"] == "tcp" and a["port"] == 80 for a in port["assignments"])
assert none == {"input": "no-such-name-x", "kind": "name", "found": False}
assert dccp["kind"] == "port" and dccp["input"] == "9/dccp"
EOF
run 2 "registry --format sarif" "$SRVLINT" registry --format sarif http
err_is "registry --format sarif" "srvlint: registry: --format text or json"

# ---- output that cannot be written ------------------------------------------------
full() {	# full WHAT CMD...: to /dev/full, exit 2 with the reason
	local what=$1
	shift
	timeout "$limit" "$@" >/dev/full 2>"$tmp/err"
	local rc=$?
	[ $rc -eq 2 ] && grep -qx 'srvlint: standard output: No space left on device' "$tmp/err" && ok || bad "$what >/dev/full: exit $rc: $(head -c 300 "$tmp/err")"
}
full check "$SRVLINT" check "$zone"
full "check json" "$SRVLINT" check --format json "$zone"
full "check sarif" "$SRVLINT" check --format sarif "$zone"
full name "$SRVLINT" name _www _http
full "name json" "$SRVLINT" name --format json _http
full request "$SRVLINT" request --format json "$top/tests/requests/sound.req"
full "request --template" "$SRVLINT" request --template
full explain "$SRVLINT" explain
full registry "$SRVLINT" registry http
full --help "$SRVLINT" --help
full "help check" "$SRVLINT" help check
full --version "$SRVLINT" --version
# Standard output closed: nowhere to report.  (Not under make check-valgrind:
# valgrind opens its log file on the descriptor the test closed.)
if [ -z "${SRVLINT_REAL:-}" ]; then
	"$SRVLINT" name _http >&- 2>"$tmp/err"; rc=$?
	[ $rc -eq 2 ] && err_is "closed stdout" 'srvlint: standard output: Bad file descriptor' || bad "closed stdout: exit $rc"
fi
# Standard input closed or a directory: "-" is an error, never "0 labels", exit 0.
"$SRVLINT" name - <&- >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -qx 'srvlint: <stdin>: Bad file descriptor' "$tmp/err" && ok || bad "name - <&-: exit $rc: $(cat "$tmp/err")"
"$SRVLINT" name - </tmp >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -qx 'srvlint: <stdin>: Is a directory' "$tmp/err" && ok || bad "name - </tmp: exit $rc: $(cat "$tmp/err")"
"$SRVLINT" check - <&- >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q '^srvlint: <stdin>: Bad file descriptor' "$tmp/err" && ok || bad "check - <&-: exit $rc: $(cat "$tmp/err")"
# Standard error closed: the run goes on (a zone file must not become fd 2).
# (Not under make check-valgrind, as above.)
if [ -z "${SRVLINT_REAL:-}" ]; then
	"$SRVLINT" check -q "$zone" 2>&- >"$tmp/out"; rc=$?
	[ $rc -eq 1 ] && [ "$(wc -l < "$tmp/out")" -eq 5 ] && ok || bad "check 2>&-: exit $rc"
	cp "$zone" "$tmp/z.zone"
	"$SRVLINT" check "$tmp/z.zone" 2>&- >/dev/null
	cmp -s "$zone" "$tmp/z.zone" && ok || bad "check 2>&- wrote into the zone file"
fi

# A reader that leaves: exit 2 at once, no message, no SIGPIPE (141).
awk 'BEGIN { print "$ORIGIN big.example."; print "@ SOA ns h 1 2 3 4 5";
	for (i = 0; i < 30000; i++) print "_www._tcp.h" i " SRV 0 0 80 t" i }' > "$tmp/big.zone"
"$SRVLINT" check -j 1 "$tmp/big.zone" 2>"$tmp/err" | head -1 > "$tmp/out"
rc=${PIPESTATUS[0]}
[ "$rc" -eq 2 ] && [ ! -s "$tmp/err" ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] && ok || bad "| head -1: exit $rc: $(head -c 300 "$tmp/err")"

e2e_finish cli.sh
