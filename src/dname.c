/*
 * dname.c -- wire names to presentation format.
 */
#include <stdlib.h>

#include "dname.h"

/* Bytes ldns writes as "\c": they mean something in zone-file syntax. */
static int
needs_backslash(unsigned char c)
{
	return c == '.' || c == ';' || c == '(' || c == ')' || c == '\\';
}

static size_t
put_label_byte(char *o, unsigned char c)
{
	if (needs_backslash(c)) {
		o[0] = '\\';
		o[1] = (char)c;
		return 2;
	}
	if (c > 0x20 && c < 0x7f) {
		o[0] = (char)c;
		return 1;
	}
	o[0] = '\\';
	o[1] = (char)('0' + c / 100);
	o[2] = (char)('0' + c / 10 % 10);
	o[3] = (char)('0' + c % 10);
	return 4;
}

char *
dname_str_buf(const uint8_t *w, size_t len, char *s)
{
	char *o = s;
	size_t i = 0;

	if (len == 0 || len > 255)
		return NULL;
	if (w[0] == 0) {
		if (len != 1)
			return NULL;
		o[0] = '.';
		o[1] = '\0';
		return s;
	}
	while (i < len && w[i] != 0) {
		size_t n = w[i++];
		if (n > 63 || i + n >= len)
			return NULL;
		for (size_t k = 0; k < n; k++)
			o += put_label_byte(o, w[i + k]);
		*o++ = '.';
		i += n;
	}
	if (i + 1 != len)
		return NULL;
	*o = '\0';
	return s;
}

char *
dname_str(const uint8_t *w, size_t len)
{
	/* Worst case: every byte four characters, plus the dots and NUL. */
	char *s;

	if (len == 0 || len > 255 || (s = malloc(len * 4 + 2)) == NULL)
		return NULL;
	if (dname_str_buf(w, len, s) == NULL) {
		free(s);
		return NULL;
	}
	return s;
}
