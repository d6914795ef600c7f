/*
 * report_escape.c -- the escaping every emitter and error message uses, so
 * no byte a zone or a server chose ever reaches the terminal raw.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

void
report_write_escaped(FILE *out, const char *s, size_t len, int json)
{
	size_t i = 0;

	/* Runs of plain bytes go out in one fwrite: this is the hot path. */
	while (i < len) {
		size_t run = i;
		unsigned char c;
		while (run < len && (c = (unsigned char)s[run]) >= 0x20 && c < 0x7f &&
		    !(json && (c == '"' || c == '\\')))
			run++;
		if (run > i)
			fwrite(s + i, 1, run - i, out);
		if (run == len)
			break;
		c = (unsigned char)s[run];
		if (c < 0x20 || c >= 0x7f)
			fprintf(out, json ? "\\\\%03u" : "\\%03u", c);
		else
			fprintf(out, "\\%c", c);
		i = run + 1;
	}
}

char *
report_escape_dup(const char *s, size_t len)
{
	char *d = malloc(len * 4 + 1), *o = d;

	if (d == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f)
			o += sprintf(o, "\\%03u", c);
		else
			*o++ = (char)c;
	}
	*o = '\0';
	return d;
}

const char *
report_show(const char *s, size_t len, char *buf, size_t buflen)
{
	size_t o = 0;

	for (size_t i = 0; i < len && i < REPORT_SHOW_MAX && o + 5 < buflen; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f || c == '\\' || c == '"')
			o += (size_t)snprintf(buf + o, buflen - o, "\\%03u", c);
		else
			buf[o++] = (char)c;
	}
	if (len > REPORT_SHOW_MAX && o + 4 <= buflen) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

void
report_put_text(FILE *out, const char *s)
{
	report_write_escaped(out, s, strlen(s), 0);
}

void
report_put_json_field(FILE *out, const char *key, const char *value, int first)
{
	fprintf(out, "%s\"%s\": \"", first ? "" : ", ", key);
	report_write_escaped(out, value, strlen(value), 1);
	putc('"', out);
}
