/*
 * svcname.c -- RFC 6335 section 5.1 service name syntax.
 *
 * Every rule is checked on its own so that a name breaking several gets
 * every finding, as the spec asks; nothing here allocates or stops at NUL.
 */
#include "svcname.h"

static int
is_letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_allowed(unsigned char c)
{
	return is_letter(c) || (c >= '0' && c <= '9') || c == '-';
}

static unsigned char
lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

size_t
svcname_bad_char_at(const char *name, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_allowed((unsigned char)name[i]))
			return i;
	return len;
}

unsigned
svcname_syntax(const char *name, size_t len)
{
	unsigned broken = 0;
	int letter = 0;

	if (len == 0)
		return SVCNAME_EMPTY;
	if (len > SVCNAME_MAX_LEN)
		broken |= SVCNAME_TOO_LONG;
	if (svcname_bad_char_at(name, len) < len)
		broken |= SVCNAME_BAD_CHAR;
	for (size_t i = 0; i < len; i++) {
		letter |= is_letter((unsigned char)name[i]);
		if (name[i] == '-' && i + 1 < len && name[i + 1] == '-')
			broken |= SVCNAME_DOUBLE_HYPHEN;
	}
	if (!letter)
		broken |= SVCNAME_NO_LETTER;
	if (name[0] == '-' || name[len - 1] == '-')
		broken |= SVCNAME_HYPHEN_EDGE;
	return broken;
}

int
svcname_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen)
		return 0;
	for (size_t i = 0; i < alen; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}
