/*
 * zstr.h -- a growable NUL-terminated string, the zone reader's buffer.
 *
 * A zero-initialised struct zstr is empty; the caller owns p and frees it
 * with free().  Every function returns 0, or -1 when out of memory (the
 * string is then unchanged).
 */
#ifndef SRVLINT_ZSTR_H
#define SRVLINT_ZSTR_H

#include <stddef.h>

struct zstr {
	char *p;
	size_t len, cap;
};

/* Room for n more bytes and a NUL. */
int zstr_reserve(struct zstr *s, size_t n);
/* Appends n bytes of p. */
int zstr_add(struct zstr *s, const char *p, size_t n);
/* Replaces the contents with n bytes of p. */
int zstr_set(struct zstr *s, const char *p, size_t n);

#endif
