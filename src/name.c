/*
 * name.c -- `srvlint name LABEL...`: is this an RFC 6335 service name, and
 * what does the registry say of it?
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modes.h"
#include "namecheck.h"

/*
 * Splits "_svc" or "_svc._proto" into its service and protocol parts.  The
 * protocol is split off only when the last "._" is followed by a label
 * without dots, so historic names with dots ("_z39.50") stay whole.
 */
static void
split_label(const char *in, size_t len, const char **svc, size_t *slen,
    const char **proto, size_t *plen)
{
	*proto = NULL;
	*plen = 0;
	if (len > 0 && in[0] == '_') {
		in++;
		len--;
	}
	*svc = in;
	*slen = len;
	for (size_t i = len; i-- > 1;) {
		if (in[i] == '.')
			return;
		if (in[i] == '_' && in[i - 1] == '.') {
			*proto = in + i + 1;
			*plen = len - i - 1;
			*slen = i - 1;
			return;
		}
	}
}

static void
judge_one(const struct lint_ctx *ctx, struct report *r, const char *in, size_t len)
{
	struct finding tmpl;
	struct sink sink = { report_sink, r };
	const char *svc, *proto;
	size_t slen, plen;
	/* The group key is a C string: NUL bytes show as the escape \000. */
	char *shown = report_escape_dup(in, len);

	report_group_begin(r, shown ? shown : "");
	free(shown);
	finding_init(&tmpl, CHECK_NAME_EMPTY);
	split_label(in, len, &svc, &slen, &proto, &plen);
	namecheck_service(ctx, svc, slen, proto, plen, &tmpl, &sink);
	report_group_end(r);
}

/* Labels longer than this are refused unread: stdin must not exhaust memory. */
#define NAME_LINE_MAX (4u << 20)

/*
 * Reads one line of at most max bytes (NULs included) into *buf, without
 * its newline.  Returns its length, or -1 at the end of the input.  A longer
 * line is skipped to its end and *toolong set.
 */
static ssize_t
read_line(FILE *in, char **buf, size_t *cap, size_t max, int *toolong)
{
	size_t n = 0;
	int c;

	*toolong = 0;
	while ((c = getc(in)) != EOF && c != '\n') {
		if (n == max) {
			*toolong = 1;
			continue;
		}
		if (n + 1 >= *cap) {
			size_t ncap = *cap ? *cap * 2 : 256;
			char *grown = realloc(*buf, ncap);
			if (grown == NULL) {
				*toolong = 1;
				continue;
			}
			*buf = grown;
			*cap = ncap;
		}
		(*buf)[n++] = (char)c;
	}
	if (c == EOF && n == 0 && !*toolong)
		return -1;
	return (ssize_t)n;
}

/* One label a line from stdin; returns how many were judged. */
static unsigned long
judge_stdin(const struct lint_ctx *ctx, struct report *r, int *failed)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long count = 0, lineno = 0;
	int toolong;

	while ((n = read_line(stdin, &line, &cap, NAME_LINE_MAX, &toolong)) != -1) {
		lineno++;
		if (toolong) {
			report_error("<stdin>:%lu: a label longer than %u bytes, skipped",
			    lineno, NAME_LINE_MAX);
			*failed = 1;
			continue;
		}
		while (n > 0 && line[n - 1] == '\r')
			n--;
		if (n == 0)
			continue;
		judge_one(ctx, r, line, (size_t)n);
		count++;
	}
	if (ferror(stdin)) {
		/* a directory, a closed descriptor: never "0 labels", exit 0 */
		report_error("<stdin>: %s", strerror(errno));
		*failed = 1;
	}
	free(line);
	return count;
}

int
name_main(const struct lint_ctx *ctx, struct report *r, int argc, char **argv)
{
	unsigned long count = 0;
	int failed = 0, rc;

	if (argc == 0) {
		report_error("name: no label given (try: srvlint name _http)");
		return 2;
	}
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			count += judge_stdin(ctx, r, &failed);
			continue;
		}
		judge_one(ctx, r, argv[i], strlen(argv[i]));
		count++;
	}
	rc = report_finish(r, count, "label");
	return failed ? 2 : rc;
}
