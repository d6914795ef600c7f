/*
 * svcname.h -- RFC 6335 section 5.1 service name syntax.  Pure functions,
 * no allocation.
 */
#ifndef SRVLINT_SVCNAME_H
#define SRVLINT_SVCNAME_H

#include <stddef.h>

/* Bits of svcname_syntax(): every rule the name breaks. */
#define SVCNAME_EMPTY		0x01u
#define SVCNAME_TOO_LONG	0x02u
#define SVCNAME_BAD_CHAR	0x04u
#define SVCNAME_NO_LETTER	0x08u
#define SVCNAME_HYPHEN_EDGE	0x10u
#define SVCNAME_DOUBLE_HYPHEN	0x20u

#define SVCNAME_MAX_LEN 15

/*
 * Checks a service name (the label without its underscore; len bytes, any
 * byte values, NUL included) against RFC 6335 section 5.1.  Returns the
 * SVCNAME_* bits of every rule broken; 0 means well-formed.
 */
unsigned svcname_syntax(const char *name, size_t len);

/* Nonzero when the two names are equal ignoring ASCII case. */
int svcname_equal(const char *a, size_t alen, const char *b, size_t blen);

/*
 * Index of the first byte that breaks the character rule, or len when
 * every byte is allowed: for messages that show the culprit.
 */
size_t svcname_bad_char_at(const char *name, size_t len);

#endif
