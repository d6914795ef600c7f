/*
 * report_escape.c -- the escaping every emitter and error message uses, so
 * no byte a zone or a server chose ever reaches the terminal raw.
 */
#include <stdint.h>
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

void
report_line_start(struct report_line *l, FILE *out)
{
	l->out = out;
	l->n = 0;
}

void
report_line_end(struct report_line *l)
{
	if (l->n > 0)
		fwrite(l->b, 1, l->n, l->out);
	l->n = 0;
}

/*
 * Both writers keep their place in a local pointer: a store through
 * l->b may alias l->n, which would otherwise be reloaded every byte.
 */
void
report_line_put(struct report_line *l, const char *s)
{
	char *d = l->b + l->n, *last = l->b + sizeof l->b - 1;

	for (; *s != '\0'; s++) {
		if (d > last) {
			l->n = sizeof l->b;
			report_line_end(l);
			d = l->b;
		}
		*d++ = *s;
	}
	l->n = (size_t)(d - l->b);
}

/* How many of the n bytes at s are printable ASCII, 8 at a time. */
static size_t
plain_run(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t w;

	/*
	 * A byte below 0x20 borrows into its high bit, one above 0x7e carries
	 * into it or has it: with every byte printable no high bit is set.
	 */
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (((w - 0x2020202020202020ULL) | (w + 0x0101010101010101ULL) | w) &
		    0x8080808080808080ULL)
			break;
	}
	while (i < n && (unsigned char)(s[i] - 0x20) < 0x5f)
		i++;
	return i;
}

void
report_line_put_text(struct report_line *l, const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		size_t room = sizeof l->b - l->n, run;
		unsigned char c;

		if (room < 4) {
			report_line_end(l);
			room = sizeof l->b;
		}
		run = plain_run(s, len < room ? len : room);
		memcpy(l->b + l->n, s, run);
		l->n += run;
		s += run;
		len -= run;
		if (len == 0 || run == room)
			continue;
		if (sizeof l->b - l->n < 4)
			report_line_end(l);
		c = (unsigned char)*s++;	/* not printable */
		len--;
		l->b[l->n++] = '\\';
		l->b[l->n++] = (char)('0' + c / 100);
		l->b[l->n++] = (char)('0' + c / 10 % 10);
		l->b[l->n++] = (char)('0' + c % 10);
	}
}

void
report_line_put_ulong(struct report_line *l, unsigned long v)
{
	char d[24];
	size_t i = sizeof d;

	d[--i] = '\0';
	do
		d[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	report_line_put(l, d + i);
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

size_t
report_utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* overlong, surrogate, or past U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

void
report_put_json_path(FILE *out, const char *path)
{
	const unsigned char *s = (const unsigned char *)path;
	size_t n = strlen(path), i = 0;

	while (i < n) {
		size_t len = report_utf8_len(s + i, n - i);
		unsigned long c1 = len == 2 ? (unsigned long)(s[i] & 0x1f) << 6 | (s[i + 1] & 0x3f) : 0;

		if (len == 0)
			fprintf(out, "\\\\%03u", s[i++]);	/* not UTF-8: \DDD */
		else if (s[i] == '"' || s[i] == '\\')
			fprintf(out, "\\%c", s[i++]);
		else if (s[i] < 0x20 || s[i] == 0x7f)
			fprintf(out, "\\u%04x", s[i++]);
		else if (len == 2 && c1 >= 0x80 && c1 <= 0x9f) {
			fprintf(out, "\\u%04lx", c1);	/* C1 control */
			i += 2;
		} else {
			fwrite(s + i, 1, len, out);
			i += len;
		}
	}
}

void
report_put_json_path_field(FILE *out, const char *key, const char *path, int first)
{
	fprintf(out, "%s\"%s\": \"", first ? "" : ", ", key);
	report_put_json_path(out, path);
	putc('"', out);
}
