/*
 * rrtype.c -- look-ups in the RR TYPEs table (rrtype.h): a binary search by
 * name, as a record of a type the reader does not parse costs a look-up.
 */
#include <string.h>

#include "rrtype.h"

/* Compares n bytes of p, upper-cased, with the NUL-terminated name. */
static int
rrtype_cmp(const char *p, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char a = (unsigned char)p[i], b = (unsigned char)name[i];

		if (a >= 'a' && a <= 'z')
			a = (unsigned char)(a - 'a' + 'A');
		if (b == '\0' || a != b)
			return b == '\0' ? 1 : a < b ? -1 : 1;
	}
	return name[n] == '\0' ? 0 : -1;
}

const struct rrtype *
rrtype_by_value(uint16_t value)
{
	size_t i;

	for (i = 0; i < rrtypes_count; i++)
		if (rrtypes[i].value == value && strcmp(rrtypes[i].name, "*") != 0)
			return &rrtypes[i];
	return NULL;
}

/* "TYPEnnn" (RFC 3597 section 5), nnn 0-65535 without a sign. */
static const struct rrtype *
rrtype_generic(const char *p, size_t n, struct rrtype *scratch)
{
	const struct rrtype *known;
	unsigned long v = 0;
	size_t i;

	if (n < 5 || n > 9 || rrtype_cmp(p, 4, "TYPE") != 0)
		return NULL;
	for (i = 4; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return NULL;
		v = v * 10 + (unsigned long)(p[i] - '0');
	}
	if (v > 65535)
		return NULL;
	if ((known = rrtype_by_value((uint16_t)v)) != NULL)
		return known;
	scratch->name = NULL;
	scratch->value = (uint16_t)v;
	scratch->kind = v == 41 || (v >= 249 && v <= 255) ? RRT_META : RRT_DATA;
	return scratch;
}

const struct rrtype *
rrtype_by_name(const char *p, size_t n, struct rrtype *scratch)
{
	size_t lo = 0, hi = rrtypes_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = rrtype_cmp(p, n, rrtypes[mid].name);

		if (c == 0)
			return &rrtypes[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return rrtype_generic(p, n, scratch);
}
