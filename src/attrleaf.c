/*
 * attrleaf.c -- lookups in the RFC 8552 underscored node name registry.
 * The table is generated from data/attrleaf.tsv, sorted by lowercase name.
 */
#include <string.h>
#include <strings.h>

#include "attrleaf.h"

static unsigned char
lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* strcmp order of the lowercased label (len bytes, any bytes) against name. */
static int
cmp_label(const char *label, size_t len, const char *name)
{
	size_t i;

	for (i = 0; i < len && name[i] != '\0'; i++) {
		unsigned char a = lower((unsigned char)label[i]);
		unsigned char b = (unsigned char)name[i];
		if (a != b)
			return a < b ? -1 : 1;
	}
	if (i < len)
		return 1;
	return name[i] == '\0' ? 0 : -1;
}

/* "_ta-" followed by at least one hex digit and hyphens: RFC 8145 key tags. */
static int
is_ta_label(const char *label, size_t len)
{
	if (len < 5 || cmp_label(label, 4, "_ta-") != 0)
		return 0;
	for (size_t i = 4; i < len; i++) {
		unsigned char c = lower((unsigned char)label[i]);
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-'))
			return 0;
	}
	return 1;
}

const char *
attrleaf_types(const char *label, size_t len)
{
	size_t lo = 0, hi = attrleaf_count;

	if (is_ta_label(label, len))
		label = "_ta-*", len = 5;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_label(label, len, attrleaf_table[mid].name);
		if (c == 0)
			return attrleaf_table[mid].types;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int
attrleaf_type_listed(const char *types, const char *type)
{
	size_t tlen = strlen(type);
	const char *p = types;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");
		if ((n == 1 && p[0] == '*') ||
		    (n == tlen && strncasecmp(p, type, n) == 0))
			return 1;
		p += n;
		p += strspn(p, " ");
	}
	return 0;
}
