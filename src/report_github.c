/*
 * report_github.c -- GitHub Actions workflow commands (cli.md, CI formats):
 *
 *     ::error file=F,line=L,title=CHECK::OWNER: MESSAGE
 *
 * with the properties file, line and title in that order, each left out
 * when the finding has none.  Owners and messages are in presentation
 * format (every byte that is not printable ASCII as \DDD, so nothing can
 * start a second command); then '%' is %25.  The file is the path as
 * given, UTF-8 kept, so the annotation lands on it: there '%', CR, LF, ':'
 * and ',' are GitHub's %25, %0D, %0A, %3A, %2C, and other control bytes
 * and bytes that are not UTF-8 are \DDD.
 */
#include <stdio.h>
#include <string.h>

#include "report_impl.h"

static const char *
command(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "notice";
	}
}

/* A message: presentation escapes, then GitHub's '%'. */
static void
put_data(FILE *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", o);
		else
			report_write_escaped(o, s, 1, 0);
	}
}

/* A property value (the file name). */
static void
put_property(FILE *o, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t len = report_utf8_len(p + i, n - i);

		if (len == 0 || ((p[i] < 0x20 || p[i] == 0x7f) &&
		    p[i] != '\r' && p[i] != '\n'))
			fprintf(o, "\\%03u", p[i++]);
		else if (strchr("%\r\n:,", p[i]) != NULL)
			fprintf(o, "%%%02X", p[i++]);
		else {
			fwrite(p + i, 1, len, o);
			i += len;
		}
	}
}

static void
github_finding(struct report *r, const struct finding *f)
{
	FILE *o = r->out;
	const char *subject = f->owner ? f->owner : f->file ? NULL : r->group_input;

	fprintf(o, "::%s ", command(f->severity));
	if (f->file) {
		fputs("file=", o);
		put_property(o, f->file);
		if (f->line)
			fprintf(o, ",line=%lu", f->line);
		putc(',', o);
	}
	fprintf(o, "title=%s::", check_info(f->check)->name);
	if (subject) {
		put_data(o, subject);
		fputs(": ", o);
	}
	put_data(o, f->message ? f->message : "");
	putc('\n', o);
}

const struct report_emitter report_github_emitter = {
	.finding = github_finding,
};
