/*
 * fuzz_common.c -- the invariants the harnesses assert (see fuzz.h), and a
 * small strict JSON parser to assert the JSON and SARIF outputs with.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

/*
 * The checks of the output are not what is being fuzzed: without coverage
 * instrumentation (clang 13+) libFuzzer neither steers by them nor pays
 * for a comparison callback on every byte of every SARIF log.
 */
#if defined(__clang__) && __clang_major__ >= 13
#define NOCOV __attribute__((no_sanitize("coverage")))
#else
#define NOCOV
#endif

void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	putc('\n', stderr);
	fflush(stderr);
	abort();
}

/* --- context -------------------------------------------------------------- */

static char *allowed[] = { "fuzz-allowed" };

struct lint_ctx *
fuzz_ctx(int defacto_lowers)
{
	static struct options opt;
	static struct lint_ctx ctx[2];
	static int ready;

	if (!ready) {
		memset(&opt, 0, sizeof opt);
		opt.format = FORMAT_TEXT;
		opt.fail_on = SEV_WARNING;
		memset(opt.sev_override, -1, sizeof opt.sev_override);
		opt.allow = allowed;
		opt.nallow = 1;
		opt.color = COLOR_NEVER;
		opt.quiet = 0;
		opt.jobs = 1;
		opt.timeout_ms = 2000;
		opt.tries = 2;
		opt.concurrency = 64;
		for (int i = 0; i < 2; i++) {
			ctx[i].opt = &opt;
			ctx[i].reg = registry_builtin();
			ctx[i].defacto_lowers = i;
		}
		ready = 1;
	}
	return &ctx[defacto_lowers ? 1 : 0];
}

/* --- findings ------------------------------------------------------------- */

static void
check_string(const char *s, const char *field)
{
	/* strlen walks it: ASan reports a string that is not terminated. */
	if (s != NULL)
		FUZZ_ASSERT(strlen(s) < (1u << 24), "%s is absurdly long", field);
}

void
fuzz_check_finding(const struct finding *f)
{
	const struct check_info *ci;

	FUZZ_ASSERT(f != NULL, "NULL finding");
	FUZZ_ASSERT((unsigned)f->check < CHECK_COUNT,
	    "check id %u out of range (CHECK_COUNT %u)", (unsigned)f->check,
	    (unsigned)CHECK_COUNT);
	ci = check_info(f->check);
	FUZZ_ASSERT(ci != NULL && ci->name != NULL, "check %u has no name",
	    (unsigned)f->check);
	FUZZ_ASSERT(check_by_name(ci->name) == (int)f->check,
	    "check %u: name \"%s\" is not the table's", (unsigned)f->check, ci->name);
	FUZZ_ASSERT(f->severity >= SEV_NOTE && f->severity <= SEV_ERROR,
	    "[%s] severity %d is not note..error", ci->name, (int)f->severity);
	FUZZ_ASSERT(f->message != NULL && f->message[0] != '\0',
	    "[%s] finding without a message", ci->name);
	check_string(f->message, "message");
	check_string(f->owner, "owner");
	check_string(f->type, "type");
	check_string(f->file, "file");
	check_string(f->primary, "primary");
	check_string(f->domain, "domain");
}

void
fuzz_list_sink(void *list, const struct finding *f)
{
	fuzz_check_finding(f);
	FUZZ_ASSERT(finding_list_add(list, f) == 0, "out of memory");
}

NOCOV static int
streq0(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Lists l on stderr, to show how two runs differ. */
static void
dump(const struct finding_list *l, const char *what)
{
	fprintf(stderr, "fuzz: the %s run's %zu findings:\n", what, finding_list_count(l));
	for (size_t i = 0; i < finding_list_count(l); i++) {
		const struct finding *f = finding_list_get(l, i);
		fprintf(stderr, "  %lu [%s] %s: %s\n", f->line, check_info(f->check)->name,
		    f->owner ? f->owner : "-", f->message);
	}
}

void
fuzz_same_findings(const struct finding_list *a, const struct finding_list *b,
    const char *what)
{
	size_t n = finding_list_count(a), m = finding_list_count(b);

	if (n != m) {
		dump(a, "first");
		dump(b, "second");
	}
	FUZZ_ASSERT(n == m, "%s: %zu findings against %zu", what, n, m);
	for (size_t i = 0; i < n; i++) {
		const struct finding *x = finding_list_get(a, i);
		const struct finding *y = finding_list_get(b, i);

		FUZZ_ASSERT(x->check == y->check && x->severity == y->severity &&
		    x->line == y->line && streq0(x->message, y->message) &&
		    streq0(x->owner, y->owner) && streq0(x->type, y->type) &&
		    streq0(x->file, y->file) && streq0(x->primary, y->primary) &&
		    streq0(x->domain, y->domain),
		    "%s: finding %zu differs: [%s] line %lu \"%s\" against [%s] line %lu \"%s\"",
		    what, i, check_info(x->check)->name, x->line, x->message,
		    check_info(y->check)->name, y->line, y->message);
	}
}

NOCOV static int
strcmp0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0 ? strcmp(a ? a : "", b ? b : "") :
	    (a == NULL) - (b == NULL);
}

NOCOV static int
finding_order(const void *pa, const void *pb)
{
	const struct finding *x = *(const struct finding *const *)pa;
	const struct finding *y = *(const struct finding *const *)pb;
	int c;

	if (x->check != y->check)
		return x->check < y->check ? -1 : 1;
	if (x->severity != y->severity)
		return x->severity < y->severity ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if ((c = strcmp0(x->owner, y->owner)) != 0 ||
	    (c = strcmp0(x->type, y->type)) != 0 ||
	    (c = strcmp0(x->message, y->message)) != 0 ||
	    (c = strcmp0(x->file, y->file)) != 0 ||
	    (c = strcmp0(x->primary, y->primary)) != 0)
		return c;
	return strcmp0(x->domain, y->domain);
}

void
fuzz_same_findings_unordered(const struct finding_list *a,
    const struct finding_list *b, const char *what)
{
	size_t n = finding_list_count(a), m = finding_list_count(b);
	const struct finding **va, **vb;

	FUZZ_ASSERT(n == m, "%s: %zu findings against %zu", what, n, m);
	va = calloc(n + 1, sizeof *va);
	vb = calloc(n + 1, sizeof *vb);
	FUZZ_ASSERT(va != NULL && vb != NULL, "out of memory");
	for (size_t i = 0; i < n; i++) {
		va[i] = finding_list_get(a, i);
		vb[i] = finding_list_get(b, i);
	}
	qsort(va, n, sizeof *va, finding_order);
	qsort(vb, n, sizeof *vb, finding_order);
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT(finding_order(&va[i], &vb[i]) == 0,
		    "%s: finding [%s] %s \"%s\" against [%s] %s \"%s\"", what,
		    check_info(va[i]->check)->name, va[i]->owner ? va[i]->owner : "",
		    va[i]->message, check_info(vb[i]->check)->name,
		    vb[i]->owner ? vb[i]->owner : "", vb[i]->message);
	free(va);
	free(vb);
}

/* --- output ----------------------------------------------------------------- */

NOCOV void
fuzz_assert_clean(const char *out, size_t len, const char *what)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)out[i];

		FUZZ_ASSERT(!((c < 0x20 && c != '\n') || c >= 0x7f),
		    "%s: raw byte 0x%02x at offset %zu: \"%.*s\"", what, c, i,
		    (int)(len - i < 80 ? len - i : 80), out + i);
	}
}

/*
 * Where reports are rendered: a buffer kept from one input to the next, so
 * that a 46 KB SARIF log is not grown by realloc (fresh pages under ASan,
 * every time) for every input; stdio's buffers are static too.
 */
struct mbuf {
	char *p;
	size_t len, cap;
};

NOCOV static ssize_t
mbuf_write(void *cookie, const char *s, size_t n)
{
	struct mbuf *m = cookie;

	if (m->p == NULL || m->len + n > m->cap) {
		size_t cap = m->cap ? m->cap : 1 << 16;
		char *p;

		while (cap < m->len + n)
			cap *= 2;
		p = realloc(m->p, cap);
		FUZZ_ASSERT(p != NULL, "out of memory");
		m->p = p;
		m->cap = cap;
	}
	memcpy(m->p + m->len, s, n);
	m->len += n;
	return (ssize_t)n;
}

static FILE *
mbuf_open(struct mbuf *m, char *buf, size_t size)
{
	cookie_io_functions_t io = { .write = mbuf_write };
	FILE *f;

	m->len = 0;
	if (m->p == NULL)	/* never NULL: the checks do pointer arithmetic on it */
		(void)mbuf_write(m, "", 0);
	f = fopencookie(m, "w", io);
	FUZZ_ASSERT(f != NULL, "fopencookie failed");
	setvbuf(f, buf, _IOFBF, size);
	return f;
}

/* Renders l through a report in format fmt into out and err (reused). */
static void
render(const struct finding_list *l, enum report_group group, const char *input,
    enum format fmt, struct mbuf *out, struct mbuf *err)
{
	static char obuf[8192], ebuf[1024];	/* stdio's, not allocated per input */
	struct options opt = *fuzz_ctx(0)->opt;
	FILE *fo, *fe;
	struct report *r;

	opt.format = fmt;
	fo = mbuf_open(out, obuf, sizeof obuf);
	fe = mbuf_open(err, ebuf, sizeof ebuf);
	r = report_create(fo, fe, &opt, group);
	FUZZ_ASSERT(r != NULL, "report_create failed");
	if (group != REPORT_FLAT)
		report_group_begin(r, input);
	for (size_t i = 0; i < finding_list_count(l); i++)
		report_finding(r, finding_list_get(l, i));
	if (group != REPORT_FLAT)
		report_group_end(r);
	(void)report_finish(r, 1, "file");
	report_destroy(r);
	fclose(fo);
	fclose(fe);
}

struct jcount {
	const struct finding_list *l;
	size_t checks;		/* "check" or "ruleId" members seen */
	size_t at;		/* flat JSON: which finding this line is */
	int flat;
	int sarif;		/* results in the order of l: the Nth names l's Nth */
};

NOCOV static void
json_member(void *ud, const char *key, const char *value)
{
	struct jcount *jc = ud;
	enum severity sev;

	if (strcmp(key, "check") == 0 || strcmp(key, "ruleId") == 0) {
		size_t i = jc->flat ? jc->at : jc->checks;

		/* The finding's own name (the table's: fuzz_check_finding), or any. */
		if ((jc->flat || jc->sarif) && i < finding_list_count(jc->l)) {
			const struct finding *f = finding_list_get(jc->l, i);
			FUZZ_ASSERT(strcmp(value, check_info(f->check)->name) == 0,
			    "JSON %s %zu names check \"%s\", not \"%s\"",
			    jc->flat ? "line" : "result", i, value, check_info(f->check)->name);
		} else {
			FUZZ_ASSERT(check_by_name(value) >= 0,
			    "JSON \"%s\": \"%s\" is not a check name", key, value);
		}
		jc->checks++;
	} else if (strcmp(key, "severity") == 0 || strcmp(key, "level") == 0) {
		FUZZ_ASSERT(severity_parse(value, &sev) == 0 && sev != SEV_OFF,
		    "JSON \"%s\": \"%s\" is not a severity", key, value);
	}
}

NOCOV static void
check_text(const struct finding_list *l, const char *out, size_t len)
{
	const char *p = out, *end = out + len;
	size_t n = finding_list_count(l), i = 0;

	fuzz_assert_clean(out, len, "text output");
	FUZZ_ASSERT(len == 0 || out[len - 1] == '\n', "text output: last line unterminated");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *name;
		size_t linelen = (size_t)(nl - p), nlen;

		FUZZ_ASSERT(i < n, "text output: more lines than the %zu findings", n);
		name = check_info(finding_list_get(l, i)->check)->name;
		nlen = strlen(name);
		FUZZ_ASSERT(linelen >= nlen + 3 && p[linelen - nlen - 3] == ' ' &&
		    p[linelen - nlen - 2] == '[' && p[linelen - 1] == ']' &&
		    memcmp(p + linelen - nlen - 1, name, nlen) == 0,
		    "text line %zu does not end in \" [%s]\": \"%.*s\"", i, name,
		    (int)linelen, p);
		i++;
		p = nl + 1;
	}
	FUZZ_ASSERT(i == n, "text output: %zu lines for %zu findings", i, n);
}

NOCOV static void
check_json(const struct finding_list *l, enum report_group group,
    const char *out, size_t len)
{
	const char *p = out, *end = out + len;
	struct jcount jc = { l, 0, 0, group == REPORT_FLAT, 0 };
	size_t lines = 0, n = finding_list_count(l);

	fuzz_assert_clean(out, len, "JSON output");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		FUZZ_ASSERT(nl != NULL, "JSON output: last line unterminated");
		FUZZ_ASSERT(nl > p && *p == '{', "JSON line %zu is not an object", lines);
		FUZZ_ASSERT(fuzz_json_parse(p, (size_t)(nl - p), json_member, &jc) == 0,
		    "JSON line %zu does not parse: %.*s", lines, (int)(nl - p), p);
		lines++;
		jc.at++;
		p = nl + 1;
	}
	FUZZ_ASSERT(jc.checks == n, "JSON output: %zu \"check\" members for %zu findings",
	    jc.checks, n);
	if (group == REPORT_FLAT)
		FUZZ_ASSERT(lines == n, "JSON output: %zu lines for %zu findings", lines, n);
	else
		FUZZ_ASSERT(lines == 1, "JSON output: %zu lines for one group", lines);
}

/*
 * A SARIF log begins with the rules of every check, 46 KB that no input
 * changes.  The first log is asserted whole and its head (up to the
 * results) kept; every later one must begin with the same bytes, and is
 * parsed with the head's rules array emptied: the same JSON with the same
 * nesting, at a fraction of the cost (it was a fifth of an execution).
 */
static char *sarif_head, *sarif_short;
static size_t sarif_head_len, sarif_short_len;

NOCOV static void
sarif_keep_head(const char *out, size_t len)
{
	static const char rules[] = "\"rules\": [", results[] = "]}}, \"results\": [";
	const char *r = memmem(out, len, rules, sizeof rules - 1);
	const char *e = memmem(out, len, results, sizeof results - 1);
	size_t keep;

	FUZZ_ASSERT(r != NULL && e != NULL && r < e, "SARIF log without rules and results");
	sarif_head_len = (size_t)(e - out) + sizeof results - 1;
	keep = (size_t)(r - out) + sizeof rules - 1;
	sarif_head = malloc(sarif_head_len);
	sarif_short = malloc(keep + sizeof results - 1);
	FUZZ_ASSERT(sarif_head != NULL && sarif_short != NULL, "out of memory");
	memcpy(sarif_head, out, sarif_head_len);
	memcpy(sarif_short, out, keep);
	memcpy(sarif_short + keep, results, sizeof results - 1);
	sarif_short_len = keep + sizeof results - 1;
}

/* Asserts out is clean, strict JSON, counting members into jc. */
NOCOV static void
sarif_parse(const char *out, size_t len, struct jcount *jc)
{
	char *doc;
	size_t rest;

	if (sarif_head == NULL) {
		fuzz_assert_clean(out, len, "SARIF output");
		FUZZ_ASSERT(fuzz_json_parse(out, len, json_member, jc) == 0,
		    "SARIF output does not parse");
		sarif_keep_head(out, len);
		return;
	}
	FUZZ_ASSERT(len >= sarif_head_len && memcmp(out, sarif_head, sarif_head_len) == 0,
	    "SARIF output: the rules differ from the first log's");
	rest = len - sarif_head_len;
	fuzz_assert_clean(out + sarif_head_len, rest, "SARIF output");
	doc = malloc(sarif_short_len + rest);
	FUZZ_ASSERT(doc != NULL, "out of memory");
	memcpy(doc, sarif_short, sarif_short_len);
	memcpy(doc + sarif_short_len, out + sarif_head_len, rest);
	FUZZ_ASSERT(fuzz_json_parse(doc, sarif_short_len + rest, json_member, jc) == 0,
	    "SARIF output does not parse");
	free(doc);
}

NOCOV static void
check_sarif(const struct finding_list *l, const char *out, size_t len)
{
	struct jcount jc = { l, 0, 0, 0, 1 };

	sarif_parse(out, len, &jc);
	FUZZ_ASSERT(jc.checks == finding_list_count(l),
	    "SARIF: %zu results for %zu findings", jc.checks, finding_list_count(l));
}

NOCOV void
fuzz_check_output(const char *out, size_t len, enum format fmt)
{
	const char *p = out, *end = out + len;
	struct jcount jc = { NULL, 0, 0, 0, 0 };

	if (fmt == FORMAT_SARIF) {
		sarif_parse(out, len, &jc);
		return;
	}
	fuzz_assert_clean(out, len, "output");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n;

		FUZZ_ASSERT(nl != NULL, "output: last line unterminated");
		n = (size_t)(nl - p);
		if (fmt == FORMAT_JSON) {
			FUZZ_ASSERT(fuzz_json_parse(p, n, json_member, &jc) == 0,
			    "JSON line does not parse: %.*s", (int)n, p);
		} else {
			const char *open = NULL;
			char name[64];

			/* the last " [" of the line opens the check name */
			for (const char *q = nl - 1; q > p && open == NULL; q--)
				if (q[-1] == ' ' && *q == '[')
					open = q;
			FUZZ_ASSERT(open != NULL && nl[-1] == ']' &&
			    (size_t)(nl - open - 2) < sizeof name,
			    "text line without \" [check]\": %.*s", (int)n, p);
			memcpy(name, open + 1, (size_t)(nl - open - 2));
			name[nl - open - 2] = '\0';
			FUZZ_ASSERT(check_by_name(name) >= 0, "text line names no check: %.*s",
			    (int)n, p);
		}
		p = nl + 1;
	}
}

void
fuzz_render(const struct finding_list *l, enum report_group group,
    const char *input)
{
	fuzz_render_some(l, group, input, 1);
}

void
fuzz_render_some(const struct finding_list *l, enum report_group group,
    const char *input, int all)
{
	static struct mbuf out, err;

	render(l, group, input, FORMAT_TEXT, &out, &err);
	if (getenv("FUZZ_VERBOSE") != NULL)	/* to see what an input finds */
		fwrite(out.p, 1, out.len, stderr);
	check_text(l, out.p, out.len);
	fuzz_assert_clean(err.p, err.len, "summary");
	if (!all)
		return;
	render(l, group, input, FORMAT_JSON, &out, &err);
	check_json(l, group, out.p, out.len);
	render(l, group, input, FORMAT_SARIF, &out, &err);
	check_sarif(l, out.p, out.len);
}

/* --- strict JSON ------------------------------------------------------------ */

#define JSON_DEPTH 64

struct jp {
	const unsigned char *p, *end;
	void (*member)(void *, const char *, const char *);
	void *ud;
	int depth;
	char *buf[2];		/* decoded key, value */
	size_t cap[2];
};

NOCOV static void
jp_ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

NOCOV static int
jp_put(struct jp *j, int which, size_t *n, unsigned char c)
{
	if (*n + 2 > j->cap[which]) {
		size_t cap = j->cap[which] ? 2 * j->cap[which] : 64;
		char *b = realloc(j->buf[which], cap);
		if (b == NULL)
			return -1;
		j->buf[which] = b;
		j->cap[which] = cap;
	}
	j->buf[which][(*n)++] = (char)c;
	j->buf[which][*n] = '\0';
	return 0;
}

/* Appends the n bytes at s: jp_put for a run. */
NOCOV static int
jp_putn(struct jp *j, int which, size_t *n, const unsigned char *s, size_t len)
{
	if (*n + len + 1 > j->cap[which]) {
		size_t cap = j->cap[which] ? j->cap[which] : 64;
		char *b;

		while (cap < *n + len + 1)
			cap *= 2;
		if ((b = realloc(j->buf[which], cap)) == NULL)
			return -1;
		j->buf[which] = b;
		j->cap[which] = cap;
	}
	memcpy(j->buf[which] + *n, s, len);
	*n += len;
	j->buf[which][*n] = '\0';
	return 0;
}

NOCOV static int
jp_hex4(struct jp *j, unsigned *v)
{
	*v = 0;
	if (j->end - j->p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		unsigned char c = *j->p++;
		*v <<= 4;
		if (c >= '0' && c <= '9') *v |= c - '0';
		else if (c >= 'a' && c <= 'f') *v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F') *v |= c - 'A' + 10;
		else return -1;
	}
	return 0;
}

/* Length of the valid UTF-8 sequence at p (strict: no overlong, no surrogate), or 0. */
NOCOV static size_t
utf8_len(const unsigned char *p, const unsigned char *end)
{
	size_t n;
	unsigned cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) { n = 2; cp = p[0] & 0x1f; }
	else if (p[0] >= 0xe0 && p[0] <= 0xef) { n = 3; cp = p[0] & 0x0f; }
	else if (p[0] >= 0xf0 && p[0] <= 0xf4) { n = 4; cp = p[0] & 0x07; }
	else return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

NOCOV static int
jp_string(struct jp *j, int which)
{
	size_t n = 0;

	if (jp_put(j, which, &n, 0) != 0)
		return -1;
	n = 0;
	if (j->p >= j->end || *j->p != '"')
		return -1;
	j->p++;
	while (j->p < j->end) {
		unsigned char c = *j->p;
		unsigned u, lo;
		size_t k;

		if (c == '"') {
			j->p++;
			return 0;
		}
		if (c < 0x20)
			return -1;
		if (c < 0x80 && c != '\\') {	/* a run of plain ASCII at once */
			const unsigned char *q = j->p;

			while (q < j->end && *q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\')
				q++;
			if (jp_putn(j, which, &n, j->p, (size_t)(q - j->p)) != 0)
				return -1;
			j->p = q;
			continue;
		}
		if (c != '\\') {
			if ((k = utf8_len(j->p, j->end)) == 0)
				return -1;
			while (k--)
				if (jp_put(j, which, &n, *j->p++) != 0)
					return -1;
			continue;
		}
		if (++j->p >= j->end)
			return -1;
		c = *j->p++;
		switch (c) {
		case '"': case '\\': case '/':
			break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'u':
			if (jp_hex4(j, &u) != 0)
				return -1;
			if (u >= 0xdc00 && u <= 0xdfff)
				return -1;	/* a lone low surrogate */
			if (u >= 0xd800 && u <= 0xdbff) {
				if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u')
					return -1;
				j->p += 2;
				if (jp_hex4(j, &lo) != 0 || lo < 0xdc00 || lo > 0xdfff)
					return -1;
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			}
			/* decoded only as far as the callers look: ASCII */
			if (jp_put(j, which, &n, u < 0x80 ? (unsigned char)u : '?') != 0)
				return -1;
			continue;
		default:
			return -1;
		}
		if (jp_put(j, which, &n, c) != 0)
			return -1;
	}
	return -1;
}

NOCOV static int
jp_number(struct jp *j)
{
	const unsigned char *s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (j->p < j->end && *j->p >= '1' && *j->p <= '9')
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	else
		return -1;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return -1;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return -1;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	return j->p > s ? 0 : -1;
}

NOCOV static int
jp_word(struct jp *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return -1;
	j->p += n;
	return 0;
}

static NOCOV int jp_value(struct jp *j);

NOCOV static int
jp_object(struct jp *j)
{
	j->p++;		/* '{' */
	jp_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return 0;
	}
	for (;;) {
		jp_ws(j);
		if (jp_string(j, 0) != 0)
			return -1;
		jp_ws(j);
		if (j->p >= j->end || *j->p++ != ':')
			return -1;
		jp_ws(j);
		if (j->p < j->end && *j->p == '"') {
			if (jp_string(j, 1) != 0)
				return -1;
			/* no value was parsed in between: the key is still in buf[0] */
			if (j->member != NULL)
				j->member(j->ud, j->buf[0], j->buf[1]);
		} else if (jp_value(j) != 0) {
			return -1;
		}
		jp_ws(j);
		if (j->p >= j->end)
			return -1;
		if (*j->p == '}') {
			j->p++;
			return 0;
		}
		if (*j->p++ != ',')
			return -1;
	}
}

NOCOV static int
jp_array(struct jp *j)
{
	j->p++;		/* '[' */
	jp_ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return 0;
	}
	for (;;) {
		jp_ws(j);
		if (jp_value(j) != 0)
			return -1;
		jp_ws(j);
		if (j->p >= j->end)
			return -1;
		if (*j->p == ']') {
			j->p++;
			return 0;
		}
		if (*j->p++ != ',')
			return -1;
	}
}

NOCOV static int
jp_value(struct jp *j)
{
	int rc;

	if (j->p >= j->end)
		return -1;
	switch (*j->p) {
	case '{':
	case '[':
		if (++j->depth > JSON_DEPTH)
			return -1;
		rc = *j->p == '{' ? jp_object(j) : jp_array(j);
		j->depth--;
		return rc;
	case '"':
		return jp_string(j, 1);
	case 't':
		return jp_word(j, "true");
	case 'f':
		return jp_word(j, "false");
	case 'n':
		return jp_word(j, "null");
	default:
		return jp_number(j);
	}
}

NOCOV int
fuzz_json_parse(const char *s, size_t len,
    void (*member)(void *ud, const char *key, const char *value), void *ud)
{
	struct jp j;
	int rc;

	memset(&j, 0, sizeof j);
	j.p = (const unsigned char *)s;
	j.end = j.p + len;
	j.member = member;
	j.ud = ud;
	jp_ws(&j);
	rc = jp_value(&j);
	jp_ws(&j);
	if (rc == 0 && j.p != j.end)
		rc = -1;
	free(j.buf[0]);
	free(j.buf[1]);
	return rc;
}

/* --- files ------------------------------------------------------------------ */

static char tmpdir[64];

static void
tmpdir_remove(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	char path[512];

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(tmpdir);
}

const char *
fuzz_tmpdir(void)
{
	if (tmpdir[0] == '\0') {
		const char *base = getenv("TMPDIR");

		/* Files written for every input: in memory when there is a tmpfs. */
		if (base == NULL || strlen(base) >= 32)
			base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(tmpdir, sizeof tmpdir, "%s/srvlint-fuzz.XXXXXX", base);
		FUZZ_ASSERT(mkdtemp(tmpdir) != NULL, "mkdtemp %s failed", tmpdir);
		atexit(tmpdir_remove);
	}
	return tmpdir;
}

const char *
fuzz_write_file(const char *name, const uint8_t *data, size_t size)
{
	static char path[512];
	size_t done = 0;
	int fd;

	snprintf(path, sizeof path, "%s/%s", fuzz_tmpdir(), name);
	/*
	 * A new file, not the old one truncated: ext4 writes back a file
	 * truncated and rewritten when it is closed (auto_da_alloc).  No
	 * stdio: its buffer was an allocation and a fill for every input.
	 */
	(void)unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	FUZZ_ASSERT(fd >= 0, "cannot write %s", path);
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		FUZZ_ASSERT(n > 0, "short write to %s", path);
		done += (size_t)n;
	}
	FUZZ_ASSERT(close(fd) == 0, "cannot write %s", path);
	return path;
}

void
fuzz_check_messages(const char *buf, size_t len, size_t want_lines, const char *prefix)
{
	size_t lines = 0, plen = strlen(prefix);
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		FUZZ_ASSERT(nl != NULL, "a message without its newline: %.*s", (int)(end - p), p);
		FUZZ_ASSERT((size_t)(nl - p) >= plen && memcmp(p, prefix, plen) == 0,
		    "a message not beginning with \"%s\": %.*s", prefix, (int)(nl - p), p);
		for (const char *q = p; q < nl; q++)
			FUZZ_ASSERT(*q >= 0x20 && *q < 0x7f, "raw byte %u in a message: %.*s",
			    (unsigned char)*q, (int)(nl - p), p);
		lines++;
		p = nl + 1;
	}
	FUZZ_ASSERT(lines == want_lines, "%zu message lines, want %zu: %.*s", lines,
	    want_lines, (int)len, buf);
}
