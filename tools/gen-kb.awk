# gen-kb.awk -- compiles data/defacto.tsv into src/kb_data.c.
BEGIN {
	FS = "\t"
	print "/* Generated from data/defacto.tsv by tools/gen-kb.awk; do not edit. */"
	print "#include <stddef.h>"
	print "#include \"kb.h\""
	print "const struct kb_entry kb_entries[] = {"
	n = 0
}
function cstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return "\"" s "\""
}
/^#/ || /^[ \t]*$/ { next }
{
	if (NF != 4) {
		printf "%s:%d: expected 4 tab-separated fields, got %d\n", FILENAME, FNR, NF > "/dev/stderr"
		exit 1
	}
	proto = ($2 == "-") ? "" : $2
	primary = ($3 == "-") ? "NULL" : cstr($3)
	printf "\t{ %s, %d, %s, %s, %s },\n", cstr($1), length($1), cstr(proto), cstr($4), primary
	n++
}
END {
	print "};"
	printf "const size_t kb_entry_count = %d;\n", n
}
