/*
 * zone.c -- `srvlint check`: the streaming zone reader.  See zone.h for the
 * choices a user sees; this file says how.
 *
 * The calling thread reads 1 MB blocks, has the splitter (zscan.h) cut them
 * into records, and keeps $ORIGIN, $TTL, the previous owner and, through
 * the $INCLUDE policy (zinclude.h), the stack of files being read.  Each
 * record leaves it as a self-contained text (a blank owner is replaced by
 * the inherited one) with its origin, TTL, file, first line and suppressed
 * checks, appended to a batch of the worker pool (zpool.h).  A worker
 * parses each record (zparse.h) and passes it to its own consumer (the
 * checker), whose findings land in the batch's finding_list; the pool
 * prints batches in sequence order, so the output does not depend on -j.
 * Errors found while cutting records (too long, control bytes, directives,
 * $INCLUDE) travel in the batch as ready findings, so they keep their
 * place in the order too.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "modes.h"
#include "report.h"
#include "zinclude.h"
#include "inventory.h"
#include "namedup.h"
#include "alloc.h"
#include "zone.h"
#include "zparse.h"
#include "zpool.h"
#include "zscan.h"

/*
 * Read blocks of the zone file and of an included one (a record may cross
 * any number of them), and when a batch goes to the workers.  The fuzzing
 * build makes them small, so that short inputs cross every boundary.
 */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define ZONE_BUF		4096
#define ZONE_BUF_INCLUDE	1024
#define ZONE_BATCH_BYTES	2048
#define ZONE_BATCH_RECORDS	16
#define ZONE_PRESCAN_BLOCK	4096
#else
#define ZONE_BUF		(1u << 20)
#define ZONE_BUF_INCLUDE	(1u << 18)
#define ZONE_BATCH_BYTES	(64u << 10)
#define ZONE_BATCH_RECORDS	1024
#define ZONE_PRESCAN_BLOCK	(1u << 20)	/* the look for srvlint-disable-file */
#endif
#define ZONE_TTL_MAX		2147483647UL	/* RFC 2181 section 8 */
#define ZONE_DEFAULT_TTL	3600

struct zrun;

/* A worker: its parser and consumer, and where its findings go. */
struct zworker {
	struct zrun *run;
	void *cons;
	struct zparser *parser;
	struct sink sink;
	struct finding_list *cur;	/* where sink writes */
	int oom;
};

/* One input being read: the zone file, or an $INCLUDE'd file. */
struct zin {
	int fd;
	const char *name;	/* as reported; in run->files */
	char *real;		/* realpath, or NULL (stdin) */
	unsigned char *buf;
	size_t cap, len, pos;
	int eof;
	unsigned long line;	/* the line at pos */
	int started;		/* past the byte order mark check */
	int included;		/* its bytes count against ZONE_INCLUDE_BYTES */
	check_set pending;	/* srvlint-disable on a line of its own: the next record's */
	check_set file_disabled;	/* srvlint-disable-file: every record's */
};

struct zrun {
	const struct lint_ctx *ctx;
	const struct zone_params *zp;
	const struct zone_consumer *cons;
	const struct sink *out;

	char **files;		/* names reported, owned */
	size_t nfiles;
	struct zinclude *incl;

	struct zstr origin;	/* current origin; len 0: none */
	int has_origin;
	unsigned long origin_gen;
	char *first_origin;
	uint32_t ttl;
	struct zstr prev;	/* previous owner, absolute when possible */
	int has_prev;
	/*
	 * prev_raw: prev is the token prev_tok under the current origin, not
	 * resolved yet (zone_prev does it, before the origin can change): most
	 * owners are never taken by a blank owner after them.
	 */
	struct zstr prev_tok;
	int prev_raw;
	int apex_decided;
	ldns_rdf *apex;

	struct zscan sc;	/* the record being cut; sc.rec ZSCAN_REC_BUF */

	int jobs;
	struct zworker *w;
	void **wp;		/* &w[i], for the pool */
	int workers_up;
	struct zpool *pool;
	unsigned long records;	/* record texts cut, good or bad */
	unsigned long errors;	/* error findings made while reading */
	int failed;		/* a read error or out of memory */
};

/*
 * Out of memory: the run fails (exit 2) and says so once; what is already
 * printed stands, the cross-record checks are not run (they would conclude
 * from facts that were lost).
 */
static void
zone_oom(struct zrun *run)
{
	if (!run->failed && alloc_say_once())
		report_error("%s: out of memory: the zone was not fully checked (cross-record "
		    "checks not run; the findings above may be incomplete)",
		    run->nfiles > 0 ? run->files[0] : "check");
	run->failed = 1;
}

/* ---- the workers -------------------------------------------------------- */

static void
zone_wsink(void *ud, const struct finding *f)
{
	struct zworker *w = ud;

	if (finding_list_add(w->cur, f) != 0)
		w->oom = 1;	/* read by the calling thread after the join */
}

static void
zone_wrecord(struct zworker *w, const struct zbatch *b, const struct zent *e)
{
	struct zparse_error err;
	struct finding f;
	struct rr_pos pos;
	/* ldns may call a failed allocation a syntax error: the count says. */
	unsigned long failed = alloc_failures();
	const ldns_rr *rr = zparse_record(w->parser, b->arena.p + e->text,
	    e->origin == ZNONE ? NULL : b->arena.p + e->origin, e->ttl, &err);

	if (rr != NULL) {
		pos.file = e->file;
		pos.line = e->line;
		pos.disabled = e->disabled;
		pos.domain = NULL;
		w->run->cons->record(w->cons, rr, &pos);
		if (alloc_failures() != failed)
			w->oom = 1;
		return;
	}
	if (alloc_failures() != failed) {
		w->oom = 1;	/* no parse-error the full run would not make */
		return;
	}
	if (CHECK_SET_HAS(e->disabled, CHECK_PARSE_ERROR))
		return;
	finding_init(&f, CHECK_PARSE_ERROR);
	f.message = err.message;
	f.file = e->file;
	f.line = e->line;
	f.owner = err.owner;
	f.type = err.type;
	sink_emit(&w->sink, &f);
}

/* The pool's process function: one batch on worker ud. */
static void
zone_process(void *ud, struct zbatch *b)
{
	struct zworker *w = ud;
	size_t i;

	w->cur = b->findings;
	for (i = 0; i < b->n; i++) {
		const struct zent *e = &b->ent[i];
		struct finding f;

		if (e->kind == ZENT_RECORD) {
			zone_wrecord(w, b, e);
			continue;
		}
		finding_init(&f, e->check);
		f.severity = e->sev;
		f.message = b->arena.p + e->text;
		f.owner = e->owner == ZNONE ? NULL : b->arena.p + e->owner;
		f.file = e->file;
		f.line = e->line;
		sink_emit(&w->sink, &f);
	}
}

/* ---- batches, on the calling thread ------------------------------------- */

static void
zone_decide_apex(struct zrun *run, const char *soa_owner)
{
	const char *name = NULL;

	if (run->apex_decided)
		return;
	run->apex_decided = 1;
	if (soa_owner != NULL && zname_absolute(soa_owner, strlen(soa_owner)))
		name = soa_owner;
	else if (run->first_origin != NULL)
		name = run->first_origin;
	else if (run->zp->origin != NULL && run->has_origin)
		name = run->origin.p;
	if (name != NULL)
		run->apex = ldns_dname_new_frm_str(name);
}

/* Creates the consumers and starts the workers, once, at the first batch. */
static int
zone_workers_start(struct zrun *run)
{
	int i;

	if (run->workers_up)
		return run->failed ? -1 : 0;
	run->workers_up = 1;
	zone_decide_apex(run, NULL);
	for (i = 0; i < run->jobs; i++) {
		struct zworker *w = &run->w[i];

		w->run = run;
		w->sink.emit = zone_wsink;
		w->sink.ud = w;
		w->cons = run->cons->create(run->cons->ud, run->ctx, &w->sink, run->apex);
		w->parser = zparser_create();
		if (w->cons == NULL || w->parser == NULL) {
			zone_oom(run);
			return -1;
		}
		run->wp[i] = w;
	}
	zpool_start(run->pool, zone_process, run->wp);
	return 0;
}

/* Sends the batch being filled to the workers. */
static void
zone_dispatch(struct zrun *run)
{
	struct zbatch *b = zpool_filling(run->pool);

	if (b == NULL)
		return;
	if (b->n == 0 || zone_workers_start(run) != 0) {
		zpool_discard(run->pool);
		return;
	}
	zpool_dispatch(run->pool, run->out);
}

static void
zone_batch_full(struct zrun *run)
{
	struct zbatch *b = zpool_filling(run->pool);

	if (b != NULL && (b->n >= ZONE_BATCH_RECORDS || b->arena.len >= ZONE_BATCH_BYTES))
		zone_dispatch(run);
}

/* Queues a finding made while reading (parse-error, include-denied). */
static void
zone_finding(struct zrun *run, const struct zin *in, unsigned long line,
    enum check_id id, enum severity sev, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void
zone_finding(struct zrun *run, const struct zin *in, unsigned long line,
    enum check_id id, enum severity sev, const char *fmt, ...)
{
	struct zbatch *b = zpool_batch(run->pool, run->out);
	struct zent *e;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (sev == SEV_ERROR)
		run->errors++;
	if ((e = zbatch_entry(b)) == NULL) {
		zone_oom(run);
		return;
	}
	e->kind = ZENT_FINDING;
	e->check = id;
	e->sev = sev;
	e->owner = ZNONE;
	e->origin = ZNONE;
	e->file = in->name;
	e->line = line;
	if ((e->text = zbatch_put(b, msg, strlen(msg))) == ZNONE) {
		zone_oom(run);
		b->n--;
	}
	zone_batch_full(run);
}

/* Queues a record: text is owner (may be empty) + rest. */
static void
zone_record(struct zrun *run, const struct zin *in, const struct zscan *sc,
    const char *owner, size_t owner_len)
{
	struct zbatch *b = zpool_batch(run->pool, run->out);
	struct zent *e;
	uint32_t off;

	if ((e = zbatch_entry(b)) == NULL) {
		zone_oom(run);
		return;
	}
	e->kind = ZENT_RECORD;
	e->file = in->name;
	e->line = sc->line;
	e->ttl = run->ttl;
	e->disabled = sc->disabled;
	e->origin = ZNONE;
	if (run->has_origin) {
		if (b->origin_off == ZNONE || b->origin_gen != run->origin_gen) {
			if ((b->origin_off = zbatch_put(b, run->origin.p,
			    run->origin.len)) == ZNONE)
				zone_oom(run);
			b->origin_gen = run->origin_gen;
		}
		e->origin = b->origin_off;
	}
	off = b->arena.len;
	if (zstr_add(&b->arena, owner, owner_len) != 0 ||
	    zstr_add(&b->arena, sc->rec, sc->len) != 0) {
		zone_oom(run);
		b->n--;
		return;
	}
	b->arena.len++;
	e->text = off;
	zone_batch_full(run);
}

/* ---- reading ------------------------------------------------------------- */

/* Moves the unread bytes to the front and reads more; -1 on a read error. */
static int
zone_fill(struct zrun *run, struct zin *in)
{
	ssize_t r;

	if (in->pos > 0) {
		memmove(in->buf, in->buf + in->pos, in->len - in->pos);
		in->len -= in->pos;
		in->pos = 0;
	}
	do
		r = read(in->fd, in->buf + in->len, in->cap - in->len);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		report_error("%s: %s", in->name, strerror(errno));
		run->failed = 1;
		return -1;
	}
	if (r > 0 && in->included && zinclude_count(run->incl, (size_t)r) != 0) {
		zone_finding(run, in, in->line, CHECK_INCLUDE_DENIED, SEV_ERROR,
		    "%s: not read past line %lu: over %llu MB of included files in "
		    "one zone", in->name, in->line, ZONE_INCLUDE_BYTES >> 20);
		r = 0;	/* the rest of this file is not read */
	}
	if (r == 0)
		in->eof = 1;
	in->len += (size_t)r;
	/* A UTF-8 byte order mark (Windows editors) is no part of the zone. */
	if (!in->started && in->len >= 3 && memcmp(in->buf, "\xef\xbb\xbf", 3) == 0)
		in->pos = 3;
	if (in->len > 0)
		in->started = 1;
	return 0;
}

/* ---- directives ---------------------------------------------------------- */

static char *
ztok_dup(const struct ztok *t)
{
	const char *p = t->p;
	size_t n = t->n;
	char *s;

	if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
		p++;
		n -= 2;
	}
	if ((s = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/*
 * Resolves a $ORIGIN or $INCLUDE origin argument into dst; returns 0, or -1
 * with the reason in why.
 */
static int
zone_origin_arg(struct zrun *run, const struct ztok *t, struct zstr *dst,
    const char **why)
{
	ldns_rdf *rdf = NULL;
	char *s;

	/* "@" is the current origin, as BIND reads "$ORIGIN @" and "$INCLUDE f @". */
	if (t->n == 1 && t->p[0] == '@' && !run->has_origin) {
		*why = "\"@\" but no origin before it";
		return -1;
	}
	if (!zname_absolute(t->p, t->n) && !run->has_origin) {
		*why = "relative origin but no origin before it";
		return -1;
	}
	if (zname_resolve(dst, t->p, t->n, run->has_origin ? run->origin.p : NULL) != 0) {
		*why = "out of memory";
		return -1;
	}
	if ((s = malloc(dst->len + 1)) == NULL) {
		*why = "out of memory";
		return -1;
	}
	memcpy(s, dst->p, dst->len + 1);
	if (ldns_str2rdf_dname(&rdf, s) != LDNS_STATUS_OK) {
		*why = "not a valid domain name";
		free(s);
		return -1;
	}
	ldns_rdf_deep_free(rdf);
	free(s);
	return 0;
}

static int zone_read(struct zrun *run, struct zin *in);
static check_set zone_prescan(int fd);

static const char *
zone_file_name(struct zrun *run, const char *name)
{
	char **f = realloc(run->files, (run->nfiles + 1) * sizeof *f);

	if (f == NULL)
		return NULL;
	run->files = f;
	if ((f[run->nfiles] = strdup(name)) == NULL)
		return NULL;
	return f[run->nfiles++];
}

/* Makes run->prev the previous owner's absolute form; -1 when out of memory. */
static int
zone_prev(struct zrun *run)
{
	if (!run->prev_raw)
		return 0;
	run->prev_raw = 0;
	if (zname_resolve(&run->prev, run->prev_tok.p, run->prev_tok.len,
	    run->has_origin ? run->origin.p : NULL) != 0) {
		run->has_prev = 0;
		zone_oom(run);
		return -1;
	}
	return 0;
}

/*
 * Reads child with origin (NULL: the current one).  The included file
 * starts from the including file's origin, TTL and owner and gives them
 * back after (RFC 1035 section 5.1).  Returns -1 on a read error or when
 * out of memory.
 */
static int
zone_include_read(struct zrun *run, struct zin *child, const struct zstr *origin)
{
	struct zstr saved_origin = { 0 }, saved_prev = { 0 };
	int saved_has_origin = run->has_origin, saved_has_prev = run->has_prev;
	uint32_t saved_ttl = run->ttl;
	int rc = -1;

	if (zone_prev(run) != 0)
		return -1;
	saved_has_prev = run->has_prev;
	if ((run->has_origin && zstr_set(&saved_origin, run->origin.p, run->origin.len) != 0) ||
	    (run->has_prev && zstr_set(&saved_prev, run->prev.p, run->prev.len) != 0))
		goto out;
	if (origin->p != NULL) {
		if (zstr_set(&run->origin, origin->p, origin->len) != 0)
			goto out;
		run->has_origin = 1;
		run->origin_gen++;
	}
	rc = zone_read(run, child);
	run->has_origin = saved_has_origin;
	run->has_prev = saved_has_prev;
	run->prev_raw = 0;	/* the included file's last owner is not the including file's */
	run->ttl = saved_ttl;
	run->origin_gen++;
	if ((saved_has_origin && zstr_set(&run->origin, saved_origin.p, saved_origin.len) != 0) ||
	    (saved_has_prev && zstr_set(&run->prev, saved_prev.p, saved_prev.len) != 0))
		rc = -1;
out:
	if (rc != 0 && !run->failed)
		zone_oom(run);
	free(saved_origin.p);
	free(saved_prev.p);
	return rc;
}

/* $INCLUDE FILE [ORIGIN]; -1 on a read error or when out of memory. */
static int
zone_include(struct zrun *run, struct zin *in, unsigned long line,
    const struct ztok *t, size_t n)
{
	struct zin child;
	struct zstr origin = { 0 };
	char *path = NULL, *full = NULL, *real = NULL;
	char why[1024];
	const char *owhy;
	enum zinc_verdict v;
	int rc = 0;

	memset(&child, 0, sizeof child);
	child.fd = -1;
	if (n < 2) {
		zone_finding(run, in, line, CHECK_PARSE_ERROR, SEV_ERROR,
		    "$INCLUDE without a file name");
		return 0;
	}
	if ((path = ztok_dup(&t[1])) == NULL)
		goto oom;
	v = zinclude_resolve(run->incl, path, &full, &real, why, sizeof why);
	if (v == ZINC_OK && n >= 3 && zone_origin_arg(run, &t[2], &origin, &owhy) != 0) {
		zone_finding(run, in, line, CHECK_PARSE_ERROR, SEV_ERROR,
		    "$INCLUDE %s: origin %.*s: %s", path,
		    (int)(t[2].n > 200 ? 200 : t[2].n), t[2].p, owhy);
		goto out;
	}
	if (v == ZINC_OK)
		v = zinclude_open(run->incl, full, real, &child.fd, why, sizeof why);
	if (v == ZINC_OOM)
		goto oom;
	if (v != ZINC_OK) {
		zone_finding(run, in, line, v == ZINC_DENIED ? CHECK_INCLUDE_DENIED :
		    CHECK_PARSE_ERROR, SEV_ERROR, "%s", why);
		goto out;
	}
	if ((child.buf = malloc(ZONE_BUF_INCLUDE)) == NULL ||
	    (child.name = zone_file_name(run, full)) == NULL ||
	    zinclude_push(run->incl, child.name, real) != 0)
		goto oom;
	child.cap = ZONE_BUF_INCLUDE;
	child.included = 1;
	child.real = real;
	child.line = 1;
	child.file_disabled = zone_prescan(child.fd);
	rc = zone_include_read(run, &child, &origin);
	zinclude_pop(run->incl);
	goto out;
oom:
	zone_oom(run);
	rc = -1;
out:
	if (child.fd >= 0)
		close(child.fd);
	free(child.buf);
	free(path);
	free(full);
	free(real);
	free(origin.p);
	return rc;
}

static int
zone_directive(struct zrun *run, struct zin *in, const struct zscan *sc)
{
	struct ztok t[4];
	size_t n = ztok_split(run->sc.rec, t, 4);
	const char *why;
	unsigned long v;

	/* The previous owner is read under the origin it was given under. */
	if (zone_prev(run) != 0)
		return -1;

	if (ztok_is(&t[0], "$ORIGIN")) {
		struct zstr o = { 0 };

		if (n != 2) {
			zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
			    "$ORIGIN needs exactly one domain name");
		} else if (zone_origin_arg(run, &t[1], &o, &why) != 0) {
			zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
			    "$ORIGIN %.*s: %s", (int)(t[1].n > 200 ? 200 : t[1].n),
			    t[1].p, why);
		} else if (zstr_set(&run->origin, o.p, o.len) != 0 ||
		    (run->first_origin == NULL &&
		    (run->first_origin = strdup(o.p)) == NULL)) {
			zone_oom(run);
		} else {
			run->has_origin = 1;
			run->origin_gen++;
		}
		free(o.p);
		return run->failed ? -1 : 0;
	}
	if (ztok_is(&t[0], "$TTL")) {
		const char *end;
		char buf[64];
		int r;

		if (n != 2 || t[1].n >= sizeof buf) {
			zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
			    "$TTL needs exactly one TTL");
			return 0;
		}
		memcpy(buf, t[1].p, t[1].n);
		buf[t[1].n] = '\0';
		r = ztok_decimal(&t[1], &v);
		if (r == -1 || (r == 1 && v > ZONE_TTL_MAX)) {
			zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
			    "$TTL %s out of range 0-%lu", buf, ZONE_TTL_MAX);
			return 0;
		}
		v = ldns_str2period(buf, &end);
		if (*end != '\0' || end == buf) {
			zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
			    "$TTL %s is not a TTL", buf);
			return 0;
		}
		run->ttl = (uint32_t)v;
		return 0;
	}
	if (ztok_is(&t[0], "$INCLUDE"))
		return zone_include(run, in, sc->line, t, n);
	if (ztok_is(&t[0], "$DATE")) {
		/* BIND's: the time DNSSEC signing takes as now; nothing to check. */
		if (n != 2 || t[1].n != 14 || ztok_decimal(&t[1], &v) != 1)
			zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
			    "$DATE needs one time, YYYYMMDDHHMMSS");
		return 0;
	}
	if (ztok_is(&t[0], "$GENERATE")) {
		zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_NOTE,
		    "$GENERATE is not supported: the records it makes are not checked");
		return 0;
	}
	zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
	    "unknown directive %.*s", (int)(t[0].n > 40 ? 40 : t[0].n), t[0].p);
	return 0;
}

/*
 * srvlint-disable-file holds for every record of its file, those before it
 * too: a regular file is looked through for it before it is read (pread,
 * so the reading offset stays).  A pipe cannot be read twice: there it
 * holds from where it stands.  A line longer than a record may be is
 * skipped (it is a parse-error anyway).  Out of memory: no look, the
 * directive still holds from its line on.
 */
static check_set
zone_prescan(int fd)
{
	size_t cap = ZONE_PRESCAN_BLOCK + ZONE_RECORD_MAX + 1, carry = 0;
	check_set set = 0;
	struct stat st;
	off_t off = 0;
	char *buf;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (buf = malloc(cap)) == NULL)
		return 0;
	for (;;) {
		ssize_t n = pread(fd, buf + carry, ZONE_PRESCAN_BLOCK, off);
		size_t len;
		char *nl;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			set |= zscan_file_checks(buf, carry);
			break;
		}
		off += n;
		len = carry + (size_t)n;
		if ((nl = memrchr(buf, '\n', len)) == NULL) {
			carry = len > ZONE_RECORD_MAX ? 0 : len;
			continue;
		}
		set |= zscan_file_checks(buf, (size_t)(nl + 1 - buf));
		carry = len - (size_t)(nl + 1 - buf);
		if (carry > ZONE_RECORD_MAX)
			carry = 0;
		memmove(buf, nl + 1, carry);
	}
	free(buf);
	return set;
}

/* One cut record: a directive, or a record for the workers. */
static int
zone_entry(struct zrun *run, struct zin *in, const struct zscan *sc)
{
	struct ztok t[4];
	size_t n;

	if (sc->disable_bad)
		zone_finding(run, in, sc->line ? sc->line : sc->disable_line,
		    CHECK_PARSE_ERROR, SEV_NOTE, "%s", sc->note);
	if (sc->line == 0)
		return 0;	/* blank, or a comment */
	if (sc->err != NULL || sc->rec[0] != '$')
		run->records++;
	if (sc->err != NULL) {
		if (CHECK_SET_HAS(sc->disabled, CHECK_PARSE_ERROR))
			return 0;
		if (sc->errbyte == 0 && strcmp(sc->err, "control byte") == 0)
			zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
			    "NUL byte in the record; write it as \\000");
		else if (strcmp(sc->err, "control byte") == 0)
			zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
			    "control byte \\%03u in the record; write it as an escape",
			    sc->errbyte);
		else
			zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
			    "%s", sc->err);
		return 0;
	}
	if (run->sc.rec[0] == '$')
		return zone_directive(run, in, sc);
	if (run->sc.rec[0] == ' ') {
		/* A blank owner: the previous record's. */
		if (zone_prev(run) != 0)
			return -1;
		if (!run->has_prev) {
			zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
			    "no owner name, and no record before to take it from");
			return 0;
		}
		zone_record(run, in, sc, run->prev.p, run->prev.len);
	} else {
		n = ztok_split_n(run->sc.rec, run->sc.len, t, 1);
		if (zstr_set(&run->prev_tok, t[0].p, t[0].n) != 0) {
			zone_oom(run);
			return -1;
		}
		run->has_prev = 1;
		run->prev_raw = 1;
		(void)n;
		zone_record(run, in, sc, "", 0);
	}
	if (!run->apex_decided) {
		size_t k = 0, ti;

		if (zone_prev(run) != 0)
			return -1;

		if (run->sc.rec[0] == ' ') {	/* the inherited owner stands first */
			t[0].p = run->prev.p;
			t[0].n = run->prev.len;
			k = 1;
		}
		n = k + ztok_split(run->sc.rec, t + k, 4 - k);
		ti = ztok_type_index(t, n);
		zone_decide_apex(run, ti < n && ztok_is(&t[ti], "SOA") ? run->prev.p : NULL);
	}
	return run->failed ? -1 : 0;
}

static int
zone_read(struct zrun *run, struct zin *in)
{
	struct zscan *sc = &run->sc;
	size_t avail;
	int done;

	for (;;) {
		if (run->failed)
			return -1;
		avail = in->len - in->pos;
		if (avail == 0 && !in->eof) {
			if (zone_fill(run, in) != 0)
				return -1;
			continue;
		}
		if (!sc->active) {
			if (avail == 0)
				return 0;	/* the end of the file, between records */
			zscan_begin(sc, in->line);
		}
		in->pos += zscan_feed(sc, in->buf + in->pos, avail, in->eof, &done);
		if (!done)
			continue;
		in->line += sc->nl;
		in->file_disabled |= sc->disabled_file;
		if (sc->line == 0 && !sc->toolong) {
			in->pending |= sc->disabled;	/* a comment line of its own */
		} else {
			sc->disabled |= in->pending | in->file_disabled;
			in->pending = 0;
		}
		if (sc->toolong) {
			run->records++;
			if (!CHECK_SET_HAS(sc->disabled, CHECK_PARSE_ERROR))
				zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
				    "record longer than %d bytes (comments excluded); "
				    "skipped to its end", ZONE_RECORD_MAX);
			continue;
		}
		if (zone_entry(run, in, sc) != 0)
			return -1;
	}
}

/* ---- one zone file ----------------------------------------------------------- */

/* ud: an inventory (--inventory, --html) that every checker feeds, or NULL. */
static void *
zone_cons_create(void *ud, const struct lint_ctx *ctx, const struct sink *sink,
    const ldns_rdf *apex)
{
	struct checker *ch = checker_create(ctx, sink, apex);

	if (ch != NULL && ud != NULL) {
		checker_set_inventory(ch, ud);
		inventory_set_domain(ud, apex);
	}
	return ch;
}

static void
zone_cons_destroy(void *c)
{
	checker_destroy(c);
}

static void
zone_cons_record(void *c, const ldns_rr *rr, const struct rr_pos *pos)
{
	checker_record(c, rr, pos);
}

static int
zone_cons_merge(void *dst, void *src)
{
	return checker_merge(dst, src);
}

static void
zone_cons_finish(void *c)
{
	checker_finish(c);
}

const struct zone_consumer zone_checker_consumer = {
	zone_cons_create, zone_cons_destroy, zone_cons_record, zone_cons_merge,
	zone_cons_finish, NULL
};

static size_t
zone_file_rank(const struct zrun *run, const char *file)
{
	size_t i;

	for (i = 0; file != NULL && i < run->nfiles; i++)
		if (run->files[i] == file || strcmp(run->files[i], file) == 0)
			return i;
	return run->nfiles;
}

static int
zone_strcmp0(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Cross-record findings: an order that does not depend on -j. */
static int
zone_finish_cmp(const void *pa, const void *pb, void *arg)
{
	const struct zrun *run = ((void **)arg)[0];
	const struct finding_list *l = ((void **)arg)[1];
	const struct finding *a = finding_list_get(l, *(const size_t *)pa);
	const struct finding *b = finding_list_get(l, *(const size_t *)pb);
	size_t ra = zone_file_rank(run, a->file), rb = zone_file_rank(run, b->file);
	int c;

	if (ra != rb)
		return ra < rb ? -1 : 1;
	if ((c = zone_strcmp0(a->file, b->file)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->check != b->check)
		return a->check < b->check ? -1 : 1;
	if ((c = zone_strcmp0(a->owner, b->owner)) != 0)
		return c;
	if ((c = zone_strcmp0(a->message, b->message)) != 0)
		return c;
	if ((c = zone_strcmp0(a->type, b->type)) != 0)
		return c;
	return *(const size_t *)pa < *(const size_t *)pb ? -1 : 1;
}

static void
zone_finish(struct zrun *run)
{
	struct finding_list *l;
	size_t *idx, i, n;
	void *arg[2];
	int k;

	if (!run->workers_up || run->w[0].cons == NULL)
		return;
	for (k = 1; k < run->jobs; k++)
		if (run->w[k].cons != NULL &&
		    run->cons->merge(run->w[0].cons, run->w[k].cons) != 0)
			zone_oom(run);
	if (run->failed || alloc_failures() != 0 || (l = finding_list_create()) == NULL) {
		zone_oom(run);
		return;
	}
	run->w[0].cur = l;
	run->cons->finish(run->w[0].cons);
	n = finding_list_count(l);
	/* A finding made while memory failed may be false: none is printed. */
	if (alloc_failures() != 0 || (idx = malloc((n ? n : 1) * sizeof *idx)) == NULL) {
		zone_oom(run);
		finding_list_destroy(l);
		return;
	}
	for (i = 0; i < n; i++)
		idx[i] = i;
	arg[0] = run;
	arg[1] = l;
	qsort_r(idx, n, sizeof *idx, zone_finish_cmp, arg);
	for (i = 0; i < n; i++)
		sink_emit(run->out, finding_list_get(l, idx[i]));
	free(idx);
	finding_list_destroy(l);
}

static void
zone_run_free(struct zrun *run)
{
	size_t i;
	int k;

	zpool_destroy(run->pool);	/* joins the workers first */
	for (k = 0; run->w != NULL && k < run->jobs; k++) {
		if (run->w[k].cons != NULL)
			run->cons->destroy(run->w[k].cons);
		zparser_destroy(run->w[k].parser);
	}
	free(run->w);
	free(run->wp);
	for (i = 0; i < run->nfiles; i++)
		free(run->files[i]);
	free(run->files);
	zinclude_destroy(run->incl);
	free(run->origin.p);
	free(run->prev.p);
	free(run->prev_tok.p);
	free(run->first_origin);
	free(run->sc.rec);
	ldns_rdf_deep_free(run->apex);
}

static int
zone_run_init(struct zrun *run, const char *path)
{
	run->jobs = run->zp->jobs < 1 ? 1 : run->zp->jobs > ZPOOL_JOBS_MAX ?
	    ZPOOL_JOBS_MAX : run->zp->jobs;
	run->ttl = ZONE_DEFAULT_TTL;
	run->sc.rec = malloc(ZSCAN_REC_BUF);
	run->w = calloc((size_t)run->jobs, sizeof *run->w);
	run->wp = calloc((size_t)run->jobs, sizeof *run->wp);
	run->pool = zpool_create(run->jobs);
	run->incl = zinclude_create(run->zp->include_dir, path, run->zp->no_include,
	    run->zp->include_bytes);
	if (run->sc.rec == NULL || run->w == NULL || run->wp == NULL ||
	    run->pool == NULL || run->incl == NULL)
		return -1;
	if (run->zp->origin != NULL) {
		size_t n = strlen(run->zp->origin);

		if (zstr_set(&run->origin, run->zp->origin, n) != 0 ||
		    (!zname_absolute(run->zp->origin, n) &&
		    !(n == 1 && run->zp->origin[0] == '.') &&
		    zstr_add(&run->origin, ".", 1) != 0))
			return -1;
		run->has_origin = 1;
		run->origin_gen++;
	}
	return 0;
}

int
zone_check_file(const struct lint_ctx *ctx, const char *path,
    const struct zone_params *zp, const struct zone_consumer *cons,
    const struct sink *out)
{
	struct zrun run;
	struct zin in;
	int rc = 0, i;

	memset(&run, 0, sizeof run);
	memset(&in, 0, sizeof in);
	in.fd = -1;
	run.ctx = ctx;
	run.zp = zp;
	run.cons = cons != NULL ? cons : &zone_checker_consumer;
	run.out = out;
	if (zone_run_init(&run, path) != 0 ||
	    (in.buf = malloc(in.cap = ZONE_BUF)) == NULL ||
	    (in.name = zone_file_name(&run, strcmp(path, "-") == 0 ?
	    "<stdin>" : path)) == NULL) {
		report_error("out of memory");
		rc = -1;
		goto out;
	}
	if (run.zp->origin != NULL) {
		ldns_rdf *o = ldns_dname_new_frm_str(run.origin.p);

		if (o == NULL) {
			report_error("-o %s: not a valid domain name", run.zp->origin);
			rc = -1;
			goto out;
		}
		ldns_rdf_deep_free(o);
	}
	if (strcmp(path, "-") == 0) {
		in.fd = STDIN_FILENO;
	} else if ((in.fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)) < 0) {
		report_error("%s: %s", path, strerror(errno));
		rc = -1;
		goto out;
	} else {
		in.real = realpath(path, NULL);
	}
	if (zinclude_push(run.incl, in.name, in.real) != 0) {
		report_error("out of memory");
		rc = -1;
		goto out;
	}
	in.line = 1;
	in.file_disabled = zone_prescan(in.fd);
	rc = zone_read(&run, &in) != 0 ? -1 : 0;
	/* A refused $INCLUDE already failed the run: no second error for it. */
	if (rc == 0 && !run.failed && run.records == 0 && run.errors == 0)
		zone_finding(&run, &in, 1, CHECK_ZONE_EMPTY, SEV_ERROR,
		    "no record at all: an empty zone, or the text a failed zone "
		    "transfer leaves; nothing was checked");
	zone_dispatch(&run);
	zpool_drain(run.pool, run.out);	/* after it, the workers' oom flags are visible */
	for (i = 0; run.w != NULL && i < run.jobs; i++)
		if (run.w[i].oom)
			zone_oom(&run);
	if (alloc_failures() != 0)
		zone_oom(&run);
	if (rc == 0 && !run.failed)
		zone_finish(&run);
	if (run.failed)
		rc = -1;
out:
	if (in.fd > STDIN_FILENO)
		close(in.fd);
	free(in.real);
	free(in.buf);
	zone_run_free(&run);
	return rc;
}

/* The second read of a zone: the addresses of the inventory's targets only. */
static void *
zone_addr_create(void *ud, const struct lint_ctx *ctx, const struct sink *sink,
    const ldns_rdf *apex)
{
	(void)ctx, (void)sink, (void)apex;
	return ud;
}

static void
zone_addr_destroy(void *c)
{
	(void)c;
}

static int
zone_addr_merge(void *dst, void *src)
{
	(void)dst, (void)src;
	return 0;
}

static void
zone_drop(void *ud, const struct finding *f)
{
	(void)ud, (void)f;	/* the first read reported them */
}

/*
 * One zone file, and with --inventory or --html its inventory.  When the
 * inventory's pool of early addresses overflowed, a regular file is read
 * once more for the addresses of the targets alone.
 */
static int
zone_check_one(const struct lint_ctx *ctx, struct report *r, const char *path,
    const struct zone_params *zp, const struct sink *out)
{
	struct sink tap = { inventory_sink, NULL };
	struct sink drop = { zone_drop, NULL };
	struct zone_consumer cons = zone_checker_consumer, addr = {
		zone_addr_create, zone_addr_destroy, inventory_record_cb,
		zone_addr_merge, zone_addr_destroy, NULL
	};
	struct inventory *inv;
	int rc;

	if (!ctx->opt->inventory && ctx->opt->html_file == NULL)
		return zone_check_file(ctx, path, zp, NULL, out);
	if ((inv = inventory_create(strcmp(path, "-") == 0 ? "<stdin>" : path)) == NULL) {
		report_error("out of memory");
		return -1;
	}
	cons.ud = addr.ud = tap.ud = inv;
	report_tap(r, &tap, ctx->opt->inventory);
	rc = zone_check_file(ctx, path, zp, &cons, out);
	report_tap(r, NULL, 0);
	if (rc == 0 && inventory_incomplete(inv) && strcmp(path, "-") != 0) {
		inventory_addresses_only(inv);
		rc = zone_check_file(ctx, path, zp, &addr, &drop);
	}
	if (rc == 0 && inventory_finish(inv) != 0) {
		report_error("%s: out of memory", path);
		rc = -1;
	}
	if (rc == 0)
		report_inventory(r, inventory_view(inv));
	inventory_destroy(inv);
	return rc;
}

int
zone_main(const struct lint_ctx *ctx, struct report *r, int argc, char **argv)
{
	struct zone_params zp;
	struct sink out = { report_sink, r };
	int i, failed = 0, status;
	long cores;

	memset(&zp, 0, sizeof zp);
	zp.origin = ctx->opt->origin;
	zp.include_dir = ctx->opt->include_dir;
	zp.no_include = ctx->opt->no_include;
	zp.jobs = ctx->opt->jobs;
	if (zp.jobs <= 0) {
		cores = sysconf(_SC_NPROCESSORS_ONLN);
		zp.jobs = cores < 1 ? 1 : cores > ZPOOL_JOBS_MAX ? ZPOOL_JOBS_MAX : (int)cores;
	}
	if (argc < 1) {
		report_error("check: no zone file given (\"-\" reads standard input)");
		return 2;
	}
	for (i = 0; i < argc; i++) {
		/* A finding about a name once per zone (namedup.h). */
		struct namedup *once = namedup_create(&out);
		struct sink filtered = { namedup_emit, once };
		if (once == NULL) {
			report_error("check: out of memory");
			return 2;
		}
		if (zone_check_one(ctx, r, argv[i], &zp, &filtered) != 0)
			failed++;
		namedup_destroy(once);
	}
	if (failed)
		report_run_failed(r);
	/* a file not read to its end is not counted as checked */
	status = report_finish(r, (unsigned long)(argc - failed), "file");
	return failed ? 2 : status;
}
