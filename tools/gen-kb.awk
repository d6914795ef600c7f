# gen-kb.awk -- compiles data/defacto.tsv into src/kb_data.c.
#
# Refuses a row without five fields, an unknown kind, a misname without the
# name clients query, or a row without a source: every row must say who
# requires the name (issue 10).  POSIX awk (mawk).
BEGIN {
	FS = "\t"
	print "/* Generated from data/defacto.tsv by tools/gen-kb.awk; do not edit. */"
	print "#include <stddef.h>"
	print "#include \"kb.h\""
	print "const struct kb_entry kb_entries[] = {"
	n = 0
	bad = 0
}
function cstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return "\"" s "\""
}
function fail(why) {
	printf "gen-kb.awk: %s:%d: %s\n", FILENAME, FNR, why > "/dev/stderr"
	bad = 1
}
/^#/ || /^[ \t]*$/ { next }
{
	if (NF != 5) {
		fail("expected 5 tab-separated fields, got " NF)
		next
	}
	if ($1 !~ /^[a-z0-9][a-z0-9_+-]*$/) {
		fail("label \"" $1 "\": lowercase, without its underscore")
		next
	}
	if ($3 == "defacto")
		kind = "KB_DEFACTO"
	else if ($3 == "dnssd")
		kind = "KB_DNSSD"
	else if ($3 == "misname")
		kind = "KB_MISNAME"
	else {
		fail("kind \"" $3 "\": defacto, dnssd or misname")
		next
	}
	if ($3 == "misname" && $4 !~ /^_[a-z0-9-]+\._[a-z]+$/) {
		fail("a misname names the name clients query, as _svc._proto")
		next
	}
	if ($5 ~ /^[ -]*$/) {
		fail("no source")
		next
	}
	key = $1 "\t" $2
	if (key in seen) {
		fail("_" $1 " with " $2 " twice (first on line " seen[key] ")")
		next
	}
	seen[key] = FNR
	proto = ($2 == "-") ? "" : $2
	primary = ($4 == "-") ? "NULL" : cstr($4)
	printf "\t{ %s, %d, %s, %s, %s, %s },\n", cstr($1), length($1), cstr(proto), kind, cstr($5), primary
	n++
}
END {
	if (bad)
		exit 1
	print "};"
	printf "const size_t kb_entry_count = %d;\n", n
}
