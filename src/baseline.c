/*
 * baseline.c -- reading and writing baseline files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "baseline.h"
#include "fingerprint.h"
#include "report.h"

struct baseline {
	char (*fp)[FINGERPRINT_LEN + 1];	/* sorted */
	size_t count, cap;
};

static int
cmp_fp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int
add_fp(struct baseline *b, const char *s)
{
	if (b->count == b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 64;
		void *n = realloc(b->fp, ncap * sizeof(*b->fp));
		if (n == NULL)
			return -1;
		b->fp = n;
		b->cap = ncap;
	}
	memcpy(b->fp[b->count], s, FINGERPRINT_LEN);
	b->fp[b->count++][FINGERPRINT_LEN] = '\0';
	return 0;
}

/* One line: 0, 1 when it is not a fingerprint, -1 when out of memory. */
static int
parse_line(struct baseline *b, char *line)
{
	char *p = line, *end;

	line[strcspn(line, "#\r\n")] = '\0';
	p += strspn(p, " \t");
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == p)
		return 0;
	if (!fingerprint_valid(p, (size_t)(end - p)))
		return 1;
	return add_fp(b, p);
}

struct baseline *
baseline_load(const char *path)
{
	struct baseline *b = calloc(1, sizeof(*b));
	FILE *in = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int rc = 0;

	if (b == NULL || in == NULL) {
		report_error("%s: %s", path, strerror(b == NULL ? ENOMEM : errno));
		goto fail;
	}
	while (rc >= 0 && getline(&line, &cap, in) != -1) {
		lineno++;
		if ((rc = parse_line(b, line)) > 0)
			report_error("%s:%lu: not a fingerprint (%d hex digits), line skipped",
			    path, lineno, FINGERPRINT_LEN);
	}
	if (rc < 0 || ferror(in)) {
		report_error("%s: %s", path, rc < 0 ? strerror(ENOMEM) : strerror(errno));
		goto fail;
	}
	free(line);
	fclose(in);
	if (b->count > 1)
		qsort(b->fp, b->count, sizeof(*b->fp), cmp_fp);
	return b;
fail:
	free(line);
	if (in != NULL)
		fclose(in);
	baseline_destroy(b);
	return NULL;
}

void
baseline_destroy(struct baseline *b)
{
	if (b == NULL)
		return;
	free(b->fp);
	free(b);
}

int
baseline_has(const struct baseline *b, const char *fp)
{
	return b->count > 0 &&
	    bsearch(fp, b->fp, b->count, sizeof(*b->fp), cmp_fp) != NULL;
}

size_t
baseline_count(const struct baseline *b)
{
	return b->count;
}

struct baseline_writer {
	const char *path;
	char *buf;		/* the lines, in output order */
	size_t len;
	FILE *mem;		/* writes to buf; NULL when out of memory */
	unsigned long count;
};

struct baseline_writer *
baseline_writer_create(const char *path)
{
	struct baseline_writer *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return NULL;
	w->path = path;
	if ((w->mem = open_memstream(&w->buf, &w->len)) == NULL) {
		free(w);
		return NULL;
	}
	fputs("# srvlint baseline: `srvlint check --baseline FILE` reports only the findings\n"
	    "# whose fingerprint is not listed here.  One fingerprint a line; the comment\n"
	    "# after it names the finding (check, file:line, owner, type, message).\n", w->mem);
	return w;
}

static void
put_comment(FILE *o, const char *s)
{
	report_write_escaped(o, s, strlen(s), 0);
}

void
baseline_writer_add(struct baseline_writer *w, const struct finding *f, const char *input)
{
	FILE *o = w->mem;
	const char *where = f->file ? f->file : input;

	fprintf(o, "%s  # %s", f->fingerprint, check_info(f->check)->name);
	if (where != NULL) {
		putc(' ', o);
		put_comment(o, where);
		if (f->line)
			fprintf(o, ":%lu", f->line);
	}
	if (f->owner) {
		putc(' ', o);
		put_comment(o, f->owner);
	}
	if (f->type) {
		putc(' ', o);
		put_comment(o, f->type);
	}
	fputs(": ", o);
	put_comment(o, f->message ? f->message : "");
	putc('\n', o);
	w->count++;
}

unsigned long
baseline_writer_count(const struct baseline_writer *w)
{
	return w->count;
}

int
baseline_writer_commit(struct baseline_writer *w)
{
	size_t plen = strlen(w->path);
	char *tmp = malloc(plen + sizeof(".XXXXXX"));
	FILE *out = NULL;
	int fd = -1, created = 0, rc = -1;
	mode_t mask;

	if (fflush(w->mem) != 0 || ferror(w->mem) || tmp == NULL) {
		report_error("%s: %s", w->path, strerror(ENOMEM));
		goto out;
	}
	memcpy(tmp, w->path, plen);
	memcpy(tmp + plen, ".XXXXXX", sizeof(".XXXXXX"));
	if ((fd = mkstemp(tmp)) < 0) {
		report_error("%s: %s", w->path, strerror(errno));
		goto out;
	}
	created = 1;
	/* mkstemp makes it 0600; a baseline is a file of the repository. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || (out = fdopen(fd, "w")) == NULL) {
		report_error("%s: %s", w->path, strerror(errno));
		goto out;
	}
	fd = -1;	/* out owns it now */
	if (fwrite(w->buf, 1, w->len, out) != w->len || fflush(out) != 0) {
		report_error("%s: %s", w->path, strerror(errno));
		goto out;
	}
	rc = fclose(out);
	out = NULL;
	if (rc != 0 || rename(tmp, w->path) != 0) {
		rc = -1;
		report_error("%s: %s", w->path, strerror(errno));
		goto out;
	}
	created = 0;
out:
	if (out != NULL)
		fclose(out);
	if (fd >= 0)
		close(fd);
	if (created)
		unlink(tmp);
	free(tmp);
	return rc;
}

void
baseline_writer_destroy(struct baseline_writer *w)
{
	if (w == NULL)
		return;
	if (w->mem != NULL)
		fclose(w->mem);
	free(w->buf);
	free(w);
}
