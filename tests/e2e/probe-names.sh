#!/bin/sh
# The probe's built-in list (data/probe-names.txt) never warns about its own
# names by accident (issue 10 item 11): each name, published as the record
# the probe asks for, draws no warning or error from srvlint check, unless
# its line says "# on purpose: ... clients query NAME" -- then it draws a
# warning whose message names NAME.
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"

list="$top_srcdir/data/probe-names.txt"
{
	printf '$ORIGIN example.com.\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n'
	printf '@ NS ns1\nns1 A 192.0.2.1\nhost A 192.0.2.2\n'
	# One record a line of the list, its zone line remembered with the name.
	awk '{ sub(/#.*/, "") } NF > 0 {
		for (i = (NF == 1 ? 1 : 2); i <= NF; i++) {
			t = (NF == 1) ? "SRV" : toupper($i)
			if (t == "URI")
				print $1 " URI 10 1 \"https://host.example.com/\""
			else
				print $1 " SRV 0 0 1 host"
		}
	}' "$list"
} > "$tmp/list.zone"
"$SRVLINT" check -q --format json "$tmp/list.zone" > "$tmp/out" 2> "$tmp/err"
[ $? -le 1 ] && ok || bad "check failed: $(cat "$tmp/err")"

n=0
while IFS= read -r line; do
	case "$line" in ''|'#'*) continue ;; esac
	name=${line%%[	 ]*}
	n=$((n + 1))
	got=$(grep "\"owner\": \"$name.example.com.\"" "$tmp/out" | grep -E '"severity": "(warning|error)"')
	case "$line" in
	*'# on purpose:'*)
		want=$(printf '%s\n' "$line" | sed -n 's/.*clients query \(_[a-z0-9._-]*\).*/\1/p')
		[ -n "$want" ] || { bad "$name: an on-purpose line must say which name clients query"; continue; }
		case "$got" in
		*"$want"*) ok ;;
		*) bad "$name is probed on purpose, but draws no warning naming $want: $got" ;;
		esac ;;
	*)
		[ -z "$got" ] && ok || bad "$name (built-in probe name) draws: $got" ;;
	esac
done < "$list"
[ "$n" -gt 50 ] && ok || bad "only $n names read from $list"
e2e_finish probe-names.sh
