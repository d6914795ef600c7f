# gen-kb-readme.awk -- the README's table of de-facto names and misnames,
# from data/defacto.tsv: one entry a row, the name, then what it is and who
# requires it, wrapped at 78 columns.  tools/gen-kb-readme.sh puts it into
# the README between its markers.  POSIX awk (mawk).
BEGIN { FS = "\t" }
/^#/ || /^[ \t]*$/ { next }
function wrap(head, text,    line, n, i, w, out) {
	n = split(text, w, " ")
	line = head
	out = ""
	for (i = 1; i <= n; i++) {
		if (length(line) + 1 + length(w[i]) > 78 && line !~ /^ *$/) {
			out = out line "\n"
			line = sprintf("%30s", "")
		}
		line = line (line ~ / $/ ? "" : " ") w[i]
	}
	return out line
}
{
	if ($2 == "-")
		name = "_" $1 " (parent label)"
	else
		name = "_" $1 "._" $2
	if ($3 == "misname")
		what = "misname: clients query " $4 "; " $5
	else if ($3 == "dnssd")
		what = "DNS-SD type outside RFC 6335 syntax: " $5
	else if ($4 != "-")
		what = $5 "; move to _" $4
	else
		what = $5
	if (length(name) > 27) {
		printf "gen-kb-readme.awk: %s:%d: %s is too long for the table\n", FILENAME, FNR, name > "/dev/stderr"
		exit 1
	}
	print wrap(sprintf("  %-27s ", name), what)
}
