/*
 * zstr.c -- a growable string (zstr.h): doubling, so appending a record's
 * text costs amortised O(1) per byte.
 */
#include <stdlib.h>
#include <string.h>

#include "zstr.h"

int
zstr_reserve(struct zstr *s, size_t n)
{
	char *p;
	size_t cap;

	if (s->len + n + 1 <= s->cap)
		return 0;
	cap = s->cap ? s->cap : 64;
	while (cap < s->len + n + 1)
		cap *= 2;
	if ((p = realloc(s->p, cap)) == NULL)
		return -1;
	s->p = p;
	s->cap = cap;
	return 0;
}

int
zstr_add(struct zstr *s, const char *p, size_t n)
{
	if (zstr_reserve(s, n) != 0)
		return -1;
	memcpy(s->p + s->len, p, n);
	s->len += n;
	s->p[s->len] = '\0';
	return 0;
}

int
zstr_set(struct zstr *s, const char *p, size_t n)
{
	s->len = 0;
	return zstr_add(s, p, n);
}
