/*
 * zone.c -- `srvlint check`: the streaming zone reader.  See zone.h for the
 * choices a user sees; this file says how.
 *
 * The calling thread reads 1 MB blocks and cuts them into records
 * (zone_scan), keeping $ORIGIN, $TTL, the previous owner and the $INCLUDE
 * stack.  Each record leaves it as a self-contained text (a blank owner is
 * replaced by the inherited one) with its origin, TTL, file, first line and
 * suppressed checks, appended to a batch.  Full batches go to the workers
 * in sequence; a worker parses each record -- the common types field by
 * field with ldns's own converters (zone_fast_rr), everything else and
 * every error with ldns_rr_new_frm_str -- range checks the numbers ldns
 * wraps, and passes it to its own consumer (the checker), whose findings
 * land in the batch's finding_list.  The calling
 * thread prints batches in sequence order, so the output does not depend on
 * which worker ran which batch, nor on -j.  Errors found while cutting
 * records (too long, control bytes, directives, $INCLUDE) travel in the
 * batch as ready findings, so they keep their place in the order too.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modes.h"
#include "report.h"
#include "zone.h"

#define ZONE_BUF		(1u << 20)	/* read block of the zone file */
#define ZONE_BUF_INCLUDE	(1u << 18)	/* of an included one; > the cap */
#define ZONE_BATCH_BYTES	(64u << 10)
#define ZONE_BATCH_RECORDS	1024
#define ZONE_COMMENT_MAX	1024
#define ZONE_JOBS_MAX		64
#define ZONE_TOKENS		24
#define ZONE_TTL_MAX		2147483647UL	/* RFC 2181 section 8 */
#define ZONE_DEFAULT_TTL	3600
#define ZNONE			UINT32_MAX

/* A growable string. */
struct zstr {
	char *p;
	size_t len, cap;
};

static int
zstr_reserve(struct zstr *s, size_t n)
{
	char *p;
	size_t cap;

	if (s->len + n + 1 <= s->cap)
		return 0;
	cap = s->cap ? s->cap : 64;
	while (cap < s->len + n + 1)
		cap *= 2;
	if ((p = realloc(s->p, cap)) == NULL)
		return -1;
	s->p = p;
	s->cap = cap;
	return 0;
}

static int
zstr_add(struct zstr *s, const char *p, size_t n)
{
	if (zstr_reserve(s, n) != 0)
		return -1;
	memcpy(s->p + s->len, p, n);
	s->len += n;
	s->p[s->len] = '\0';
	return 0;
}

static int
zstr_set(struct zstr *s, const char *p, size_t n)
{
	s->len = 0;
	return zstr_add(s, p, n);
}

/* A token of a cleaned record text: no comments, parentheses, newlines. */
struct ztok {
	const char *p;
	size_t n;
};

/* Splits s at blanks; a quoted string is one token, quotes included. */
static size_t
zone_tokens(const char *s, struct ztok *t, size_t max)
{
	size_t n = 0;

	while (n < max) {
		const char *b;

		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		b = s;
		if (*s == '"') {
			for (s++; *s != '\0' && *s != '"'; s++)
				if (*s == '\\' && s[1] != '\0')
					s++;
			if (*s == '"')
				s++;
		} else {
			for (; *s != '\0' && *s != ' ' && *s != '\t'; s++)
				if (*s == '\\' && s[1] != '\0')
					s++;
		}
		t[n].p = b;
		t[n].n = (size_t)(s - b);
		n++;
	}
	return n;
}

static int
ztok_is_n(const struct ztok *t, const char *word, size_t n)
{
	return t->n == n && strncasecmp(t->p, word, n) == 0;
}

/* The token is word (a string literal), case-insensitively. */
#define ztok_is(t, word) ztok_is_n((t), (word), sizeof(word) - 1)

/* A name ends in a dot that no backslash escapes. */
static int
zone_name_absolute(const char *p, size_t n)
{
	size_t bs = 0;

	if (n == 0 || p[n - 1] != '.')
		return 0;
	while (bs + 1 < n && p[n - 2 - bs] == '\\')
		bs++;
	return bs % 2 == 0;
}

/*
 * Writes the absolute form of name (n bytes) under origin into dst: "@" is
 * the origin, a relative name gets ".origin".  Without an origin a relative
 * name stays as written (the worker reports it).
 */
static int
zone_absolute(struct zstr *dst, const char *name, size_t n, const char *origin)
{
	dst->len = 0;
	if (origin != NULL && n == 1 && name[0] == '@')
		return zstr_set(dst, origin, strlen(origin));
	if (origin == NULL || zone_name_absolute(name, n))
		return zstr_set(dst, name, n);
	if (zstr_set(dst, name, n) != 0 || zstr_add(dst, ".", 1) != 0)
		return -1;
	if (strcmp(origin, ".") == 0)
		return 0;
	return zstr_add(dst, origin, strlen(origin));
}

static int
zone_is_class(const struct ztok *t)
{
	return ztok_is(t, "IN") || ztok_is(t, "CH") || ztok_is(t, "CS") ||
	    ztok_is(t, "HS") || ztok_is(t, "NONE") || ztok_is(t, "ANY") ||
	    (t->n > 5 && strncasecmp(t->p, "CLASS", 5) == 0);
}

/* The index of the type token: after the owner, an optional TTL and class. */
static size_t
zone_type_index(const struct ztok *t, size_t n)
{
	size_t i = 1;

	while (i < n && i < 3 &&
	    ((t[i].p[0] >= '0' && t[i].p[0] <= '9') || zone_is_class(&t[i])))
		i++;
	return i;
}

/*
 * Reads an unsigned decimal token: 1 when it is one (value in *v, saturated
 * at ULONG_MAX), -1 when it is a negative number, 0 when it is no number
 * (mnemonics, "1h": ldns judges those).
 */
static int
zone_decimal(const struct ztok *t, unsigned long *v)
{
	size_t i = 0;
	int neg = 0;

	*v = 0;
	if (t->n > 0 && (t->p[0] == '-' || t->p[0] == '+')) {
		neg = t->p[0] == '-';
		i = 1;
	}
	if (i == t->n)
		return 0;
	for (; i < t->n; i++) {
		unsigned d;

		if (t->p[i] < '0' || t->p[i] > '9')
			return 0;
		d = (unsigned)(t->p[i] - '0');
		*v = *v > (ULONG_MAX - d) / 10 ? ULONG_MAX : *v * 10 + d;
	}
	return neg && *v != 0 ? -1 : 1;
}

/* The numeric fields ldns 1.8 wraps silently, by rdata field index. */
struct zrange {
	ldns_rr_type type;
	unsigned char field;
	unsigned long max;
	const char *what;
};

static const struct zrange zone_ranges[] = {
	{ LDNS_RR_TYPE_SRV, 0, 65535, "priority" },
	{ LDNS_RR_TYPE_SRV, 1, 65535, "weight" },
	{ LDNS_RR_TYPE_SRV, 2, 65535, "port" },
	{ LDNS_RR_TYPE_MX, 0, 65535, "preference" },
	{ LDNS_RR_TYPE_KX, 0, 65535, "preference" },
	{ LDNS_RR_TYPE_AFSDB, 0, 65535, "subtype" },
	{ LDNS_RR_TYPE_NAPTR, 0, 65535, "order" },
	{ LDNS_RR_TYPE_NAPTR, 1, 65535, "preference" },
	{ LDNS_RR_TYPE_TLSA, 0, 255, "usage" },
	{ LDNS_RR_TYPE_TLSA, 1, 255, "selector" },
	{ LDNS_RR_TYPE_TLSA, 2, 255, "matching type" },
	{ LDNS_RR_TYPE_SMIMEA, 0, 255, "usage" },
	{ LDNS_RR_TYPE_SMIMEA, 1, 255, "selector" },
	{ LDNS_RR_TYPE_SMIMEA, 2, 255, "matching type" },
	{ LDNS_RR_TYPE_SVCB, 0, 65535, "priority" },
	{ LDNS_RR_TYPE_HTTPS, 0, 65535, "priority" },
	{ LDNS_RR_TYPE_URI, 0, 65535, "priority" },
	{ LDNS_RR_TYPE_URI, 1, 65535, "weight" },
	{ LDNS_RR_TYPE_CAA, 0, 255, "flags" },
	{ LDNS_RR_TYPE_SSHFP, 0, 255, "algorithm" },
	{ LDNS_RR_TYPE_SSHFP, 1, 255, "fingerprint type" },
	{ LDNS_RR_TYPE_DS, 0, 65535, "key tag" },
	{ LDNS_RR_TYPE_DS, 1, 255, "algorithm" },
	{ LDNS_RR_TYPE_DS, 2, 255, "digest type" },
};

/* ---- batches ------------------------------------------------------------ */

enum zent_kind { ZENT_RECORD, ZENT_FINDING };

/* One entry of a batch: a record to parse, or a finding made while reading. */
struct zent {
	enum zent_kind kind;
	enum check_id check;	/* FINDING */
	enum severity sev;	/* FINDING */
	uint32_t text;		/* RECORD: the record; FINDING: the message */
	uint32_t origin;	/* RECORD: the origin text, or ZNONE */
	uint32_t owner;		/* FINDING: the owner, or ZNONE */
	uint32_t ttl;
	unsigned long line;
	const char *file;
	check_set disabled;
};

enum zbatch_state { ZB_FREE, ZB_FILLING, ZB_QUEUED, ZB_DONE };

struct zbatch {
	struct zstr arena;	/* texts, each NUL-terminated */
	struct zent *ent;
	size_t n, cap;
	unsigned long origin_gen;	/* run->origin_gen copied at origin_off */
	uint32_t origin_off;
	struct finding_list *findings;
	enum zbatch_state state;
	struct zbatch *next;	/* the work queue */
};

struct zrun;

struct zworker {
	struct zrun *run;
	void *cons;
	struct sink sink;
	struct finding_list *cur;	/* where sink writes */
	struct zstr origin_text;	/* the origin last turned into origin */
	ldns_rdf *origin;
	struct zstr scratch;
	struct zstr tok;		/* one token, NUL-terminated */
	struct zstr swap;		/* a record with "class TTL" swapped */
	struct zstr owner_text;		/* the owner last turned into owner */
	ldns_rdf *owner;
	pthread_t tid;
	int started;
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
	int depth;
	int started;		/* past the byte order mark check */
	struct zin *parent;
};

/* What one record looks like after zone_scan. */
struct zscan {
	size_t len;		/* cleaned text in run->rec */
	unsigned long line;	/* first line with content; 0: none */
	unsigned long nl;	/* newlines consumed */
	int toolong;
	const char *err;	/* a reason the record cannot be parsed */
	unsigned errbyte;
	check_set disabled;
	int disable_bad;	/* srvlint-disable named an unknown check */
	unsigned long disable_line;	/* where the first srvlint-disable is */
	char unknown[200];	/* the unknown names, for the note */
};

struct zrun {
	const struct lint_ctx *ctx;
	const struct zone_params *zp;
	const struct zone_consumer *cons;
	const struct sink *out;

	char **files;		/* names reported, owned */
	size_t nfiles;
	char *incl_dir;		/* include directory as given */
	char *allowed;		/* its realpath, or NULL */
	unsigned nincludes;	/* $INCLUDEs followed */
	unsigned long long incl_bytes;	/* the sizes of the files they read */

	struct zstr origin;	/* current origin; len 0: none */
	int has_origin;
	unsigned long origin_gen;
	char *first_origin;
	uint32_t ttl;
	struct zstr prev;	/* previous owner, absolute when possible */
	int has_prev;
	int apex_decided;
	ldns_rdf *apex;

	char *rec;		/* the cleaned record, ZONE_RECORD_MAX + 4 */
	char comment[ZONE_COMMENT_MAX];

	int jobs;
	struct zworker *w;
	int workers_up;
	struct zbatch *pool;
	size_t npool;
	struct zbatch **ring;	/* batches in flight, in order */
	size_t head, count;
	struct zbatch *fill;
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	struct zbatch *qhead, *qtail;
	int stop;
	int failed;		/* a read error or out of memory */
};

static void
zone_oom(struct zrun *run)
{
	if (!run->failed)
		report_error("out of memory");
	run->failed = 1;
}

static uint32_t
zbatch_put(struct zrun *run, struct zbatch *b, const char *p, size_t n)
{
	size_t off = b->arena.len;

	if (zstr_add(&b->arena, p, n) != 0) {
		zone_oom(run);
		return ZNONE;
	}
	b->arena.len++;		/* keep the NUL */
	return (uint32_t)off;
}

static struct zent *
zbatch_entry(struct zrun *run, struct zbatch *b)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		struct zent *e = realloc(b->ent, cap * sizeof *e);

		if (e == NULL) {
			zone_oom(run);
			return NULL;
		}
		b->ent = e;
		b->cap = cap;
	}
	memset(&b->ent[b->n], 0, sizeof b->ent[b->n]);
	return &b->ent[b->n++];
}

/* ---- the workers -------------------------------------------------------- */

static void
zone_wsink(void *ud, const struct finding *f)
{
	struct zworker *w = ud;

	if (finding_list_add(w->cur, f) != 0)
		w->oom = 1;	/* read by the calling thread after the join */
}

static const ldns_rdf *
zone_worker_origin(struct zworker *w, const struct zbatch *b, const struct zent *e)
{
	const char *text;

	if (e->origin == ZNONE)
		return NULL;
	text = b->arena.p + e->origin;
	if (w->origin != NULL && strcmp(w->origin_text.p, text) == 0)
		return w->origin;
	ldns_rdf_deep_free(w->origin);
	w->origin = NULL;
	if (zstr_set(&w->origin_text, text, strlen(text)) != 0)
		return NULL;
	w->origin = ldns_dname_new_frm_str(text);	/* checked by the reader */
	return w->origin;
}

/* Emits a parse-error about entry e unless the record silences it. */
static void
zone_wreport(struct zworker *w, const struct zbatch *b, const struct zent *e,
    const ldns_rr *rr, const struct ztok *owner, const struct ztok *type,
    const char *msg)
{
	struct finding f;
	char *owner_str = NULL;
	const char *origin = e->origin == ZNONE ? NULL : b->arena.p + e->origin;

	if (CHECK_SET_HAS(e->disabled, CHECK_PARSE_ERROR))
		return;
	finding_init(&f, CHECK_PARSE_ERROR);
	f.message = msg;
	f.file = e->file;
	f.line = e->line;
	if (rr != NULL) {
		const ldns_rr_descriptor *d = ldns_rr_descript(ldns_rr_get_type(rr));

		owner_str = ldns_rdf2str(ldns_rr_owner(rr));
		f.owner = owner_str;
		f.type = d != NULL ? d->_name : NULL;
	} else {
		if (owner != NULL && owner->n > 0 &&
		    zone_absolute(&w->scratch, owner->p, owner->n, origin) == 0 &&
		    zone_name_absolute(w->scratch.p, w->scratch.len))
			f.owner = w->scratch.p;	/* never a relative name */
		if (type != NULL && type->n < 16) {
			char name[16];
			const ldns_rr_descriptor *d;
			ldns_rr_type t;

			memcpy(name, type->p, type->n);
			name[type->n] = '\0';
			t = ldns_get_rr_type_by_name(name);
			d = t != 0 ? ldns_rr_descript(t) : NULL;
			f.type = d != NULL && d->_name != NULL ? d->_name : NULL;
		}
	}
	sink_emit(&w->sink, &f);
	free(owner_str);
}

/* The rdata is in RFC 3597 generic form: \# LENGTH HEX. */
static int
zone_generic(const struct ztok *t, size_t n, size_t ti)
{
	return ti + 1 < n && t[ti + 1].n == 2 && t[ti + 1].p[0] == '\\' &&
	    t[ti + 1].p[1] == '#';
}

/*
 * The checks ldns does not do: numbers it wraps, TTLs past 2^31-1, and
 * relative names when there is no origin.  Writes the reason into msg and
 * returns -1 when the record must not go on to the checker.
 */
static int
zone_validate(const ldns_rr *rr, const struct ztok *t, size_t n, size_t ti,
    int has_origin, char *msg, size_t msgsize)
{
	ldns_rr_type type = ldns_rr_get_type(rr);
	unsigned long v;
	size_t i;
	int r;

	for (i = 1; i < ti && i < n; i++) {
		if (t[i].p[0] >= '0' && t[i].p[0] <= '9' &&
		    zone_decimal(&t[i], &v) == 1 && v > ZONE_TTL_MAX) {
			snprintf(msg, msgsize, "TTL %.*s out of range 0-%lu",
			    (int)(t[i].n > 40 ? 40 : t[i].n), t[i].p, ZONE_TTL_MAX);
			return -1;
		}
	}
	if (zone_generic(t, n, ti))
		return 0;	/* wire data: no number to wrap, no relative name */
	for (i = 0; i < sizeof zone_ranges / sizeof zone_ranges[0]; i++) {
		const struct zrange *z = &zone_ranges[i];
		size_t k = ti + 1 + z->field;

		if (z->type != type || k >= n)
			continue;
		r = zone_decimal(&t[k], &v);
		if (r == -1 || (r == 1 && v > z->max)) {
			const ldns_rr_descriptor *d = ldns_rr_descript(type);

			snprintf(msg, msgsize, "%s %s %.*s out of range 0-%lu",
			    d != NULL ? d->_name : "", z->what,
			    (int)(t[k].n > 40 ? 40 : t[k].n), t[k].p, z->max);
			return -1;
		}
	}
	if (has_origin)
		return 0;
	/* No origin: ldns would quietly hang relative names off the root. */
	if (n > 0 && !zone_name_absolute(t[0].p, t[0].n)) {
		snprintf(msg, msgsize, "relative name %.*s but no origin: "
		    "add $ORIGIN or use -o", (int)(t[0].n > 200 ? 200 : t[0].n), t[0].p);
		return -1;
	}
	{
		const ldns_rr_descriptor *d = ldns_rr_descript(type);

		for (i = 0; d != NULL && i < ldns_rr_rd_count(rr) &&
		    ti + 1 + i < n; i++) {
			const struct ztok *a = &t[ti + 1 + i];

			if (ldns_rr_descriptor_field_type(d, i) != LDNS_RDF_TYPE_DNAME)
				continue;
			if (!zone_name_absolute(a->p, a->n)) {
				snprintf(msg, msgsize, "relative name %.*s but no "
				    "origin: add $ORIGIN or use -o",
				    (int)(a->n > 200 ? 200 : a->n), a->p);
				return -1;
			}
		}
	}
	return 0;
}

/* A token as a C string in buf: quotes of a quoted string dropped. */
static const char *
zone_tok_str(struct zstr *buf, const struct ztok *t)
{
	const char *p = t->p;
	size_t n = t->n;

	if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
		p++;
		n -= 2;
	}
	return zstr_set(buf, p, n) == 0 ? buf->p : NULL;
}

/* A domain name token under origin (absolute text), or NULL. */
static ldns_rdf *
zone_fast_dname(struct zstr *buf, const struct ztok *t, const char *origin,
    const ldns_rdf *origin_rdf)
{
	if (t->n == 1 && t->p[0] == '@')
		return ldns_rdf_clone(origin_rdf);
	if (zone_absolute(buf, t->p, t->n, origin) != 0)
		return NULL;
	return ldns_dname_new_frm_str(buf->p);
}

/* Frees a record of zone_fast_rr, whose owner is the worker's. */
static void
zone_fast_free(ldns_rr *rr)
{
	ldns_rr_set_owner(rr, NULL);
	ldns_rr_free(rr);
}

/*
 * The fast path: the common types of a zone (A, AAAA, SRV, TXT, MX, CNAME,
 * NS, PTR, class IN, a decimal TTL) built field by field with ldns's own
 * converters (ldns_dname_new_frm_str, ldns_rdf_new_frm_str), which skips
 * ldns_rr_new_frm_str's byte-at-a-time tokenizer, its biggest cost.  Returns
 * NULL whenever the record is anything else or anything fails: the caller
 * then asks ldns_rr_new_frm_str, whose verdict and error message stand.
 */
static ldns_rr *
zone_fast_rr(struct zworker *w, const struct ztok *t, size_t n, size_t ti,
    uint32_t dttl, const char *origin, const ldns_rdf *origin_rdf)
{
	size_t nrd, i, min;
	ldns_rr_type type;
	const ldns_rr_descriptor *d;
	ldns_rr *rr;
	unsigned long v;
	uint32_t ttl = dttl;

	if (origin == NULL || origin_rdf == NULL || n < 3 || n == ZONE_TOKENS)
		return NULL;
	if (ti + 1 >= n)
		return NULL;
	/* TTL then class, as ldns_rr_new_frm_str takes them. */
	for (i = 1; i < ti; i++) {
		if (ztok_is(&t[i], "IN") && i + 1 == ti)
			continue;
		if (i != 1 || zone_decimal(&t[i], &v) != 1 ||
		    t[i].p[0] == '+' || v > 0xffffffffUL)
			return NULL;
		ttl = (uint32_t)v;
	}
	nrd = n - ti - 1;
	min = 1;
	if (ztok_is(&t[ti], "A"))
		type = LDNS_RR_TYPE_A;
	else if (ztok_is(&t[ti], "AAAA"))
		type = LDNS_RR_TYPE_AAAA;
	else if (ztok_is(&t[ti], "SRV"))
		type = LDNS_RR_TYPE_SRV, min = 4;
	else if (ztok_is(&t[ti], "TXT"))
		type = LDNS_RR_TYPE_TXT;
	else if (ztok_is(&t[ti], "MX"))
		type = LDNS_RR_TYPE_MX, min = 2;
	else if (ztok_is(&t[ti], "CNAME"))
		type = LDNS_RR_TYPE_CNAME;
	else if (ztok_is(&t[ti], "NS"))
		type = LDNS_RR_TYPE_NS;
	else if (ztok_is(&t[ti], "PTR"))
		type = LDNS_RR_TYPE_PTR;
	else
		return NULL;
	if (nrd < min || (type != LDNS_RR_TYPE_TXT && nrd != min))
		return NULL;
	if (zone_generic(t, n, ti))
		return NULL;	/* RFC 3597 generic data: ldns's own parser */
	d = ldns_rr_descript(type);

	/* Records of one owner come together: parse the owner once. */
	if (zone_absolute(&w->scratch, t[0].p, t[0].n, origin) != 0)
		return NULL;
	if (w->owner == NULL || strcmp(w->owner_text.p, w->scratch.p) != 0) {
		ldns_rdf_deep_free(w->owner);
		w->owner = NULL;
		if (t[0].n == 1 && t[0].p[0] == '@')
			w->owner = ldns_rdf_clone(origin_rdf);
		else
			w->owner = ldns_dname_new_frm_str(w->scratch.p);
		if (w->owner == NULL ||
		    zstr_set(&w->owner_text, w->scratch.p, w->scratch.len) != 0)
			return NULL;
	}
	/* Borrowed: the caller takes it back (zone_fast_free). */
	if ((rr = ldns_rr_new()) == NULL)
		return NULL;
	ldns_rr_set_owner(rr, w->owner);
	ldns_rr_set_ttl(rr, ttl);
	ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
	ldns_rr_set_type(rr, type);
	for (i = 0; i < nrd; i++) {
		const struct ztok *a = &t[ti + 1 + i];
		ldns_rdf_type ft = ldns_rr_descriptor_field_type(d, i);
		ldns_rdf *rdf = NULL;
		const char *q;

		if (ft == LDNS_RDF_TYPE_DNAME) {
			rdf = zone_fast_dname(&w->scratch, a, origin, origin_rdf);
		} else if (ft == LDNS_RDF_TYPE_STR) {
			/* Only whole quoted strings or plain words. */
			q = memchr(a->p + 1, '"', a->n > 1 ? a->n - 1 : 0);
			if ((a->p[0] == '"') != (q != NULL && q == a->p + a->n - 1))
				break;
			if ((q = zone_tok_str(&w->tok, a)) != NULL)
				rdf = ldns_rdf_new_frm_str(ft, q);
		} else if (a->p[0] != '"' && (q = zone_tok_str(&w->tok, a)) != NULL) {
			rdf = ldns_rdf_new_frm_str(ft, q);
		}
		if (rdf == NULL || !ldns_rr_push_rdf(rr, rdf)) {
			ldns_rdf_deep_free(rdf);
			break;
		}
	}
	if (i < nrd) {
		zone_fast_free(rr);
		return NULL;
	}
	return rr;
}

static void
zone_wrecord(struct zworker *w, const struct zbatch *b, const struct zent *e)
{
	const char *text = b->arena.p + e->text;
	const ldns_rdf *origin = zone_worker_origin(w, b, e);
	ldns_rr *rr = NULL;
	ldns_status st;
	char msg[512];
	struct rr_pos pos;
	struct ztok t[ZONE_TOKENS];
	size_t n = zone_tokens(text, t, ZONE_TOKENS), ti = zone_type_index(t, n);
	int fast;

	/*
	 * RFC 1035 takes "class TTL" as well as "TTL class"; ldns only the
	 * latter.  Swap them so that a valid record is not a parse-error.
	 */
	if (ti == 3 && zone_is_class(&t[1]) && t[2].p[0] >= '0' && t[2].p[0] <= '9') {
		w->swap.len = 0;
		if (zstr_add(&w->swap, t[0].p, t[0].n) == 0 &&
		    zstr_add(&w->swap, " ", 1) == 0 &&
		    zstr_add(&w->swap, t[2].p, t[2].n) == 0 &&
		    zstr_add(&w->swap, " ", 1) == 0 &&
		    zstr_add(&w->swap, t[1].p, t[1].n) == 0 &&
		    zstr_add(&w->swap, t[2].p + t[2].n, strlen(t[2].p + t[2].n)) == 0) {
			text = w->swap.p;
			n = zone_tokens(text, t, ZONE_TOKENS);
		}
	}
	rr = zone_fast_rr(w, t, n, ti, e->ttl,
	    e->origin == ZNONE ? NULL : b->arena.p + e->origin, origin);
	fast = rr != NULL;
	st = fast ? LDNS_STATUS_OK :
	    ldns_rr_new_frm_str(&rr, text, e->ttl, origin, NULL);
	if (st != LDNS_STATUS_OK) {
		ldns_rr_free(rr);
		zone_wreport(w, b, e, NULL, n > 0 ? &t[0] : NULL,
		    ti < n ? &t[ti] : NULL, ldns_get_errorstr_by_id(st));
		return;
	}
	if (zone_validate(rr, t, n, ti, e->origin != ZNONE, msg, sizeof msg) != 0) {
		zone_wreport(w, b, e, rr, NULL, NULL, msg);
	} else {
		pos.file = e->file;
		pos.line = e->line;
		pos.disabled = e->disabled;
		pos.domain = NULL;
		w->run->cons->record(w->cons, rr, &pos);
	}
	if (fast)
		zone_fast_free(rr);
	else
		ldns_rr_free(rr);
}

static void
zone_process(struct zworker *w, struct zbatch *b)
{
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

static void *
zone_worker_main(void *arg)
{
	struct zworker *w = arg;
	struct zrun *run = w->run;
	struct zbatch *b;

	for (;;) {
		pthread_mutex_lock(&run->mu);
		while (run->qhead == NULL && !run->stop)
			pthread_cond_wait(&run->work_cv, &run->mu);
		if (run->qhead == NULL) {
			pthread_mutex_unlock(&run->mu);
			return NULL;
		}
		b = run->qhead;
		run->qhead = b->next;
		if (run->qhead == NULL)
			run->qtail = NULL;
		pthread_mutex_unlock(&run->mu);

		zone_process(w, b);

		pthread_mutex_lock(&run->mu);
		b->state = ZB_DONE;
		pthread_cond_broadcast(&run->done_cv);
		pthread_mutex_unlock(&run->mu);
	}
}

/* ---- batches in flight, on the calling thread --------------------------- */

static void
zone_decide_apex(struct zrun *run, const char *soa_owner)
{
	const char *name = NULL;

	if (run->apex_decided)
		return;
	run->apex_decided = 1;
	if (soa_owner != NULL && zone_name_absolute(soa_owner, strlen(soa_owner)))
		name = soa_owner;
	else if (run->first_origin != NULL)
		name = run->first_origin;
	else if (run->zp->origin != NULL && run->has_origin)
		name = run->origin.p;
	if (name != NULL)
		run->apex = ldns_dname_new_frm_str(name);
}

/* Creates the consumers and starts the threads, once, at the first batch. */
static int
zone_workers_start(struct zrun *run)
{
	int i;

	if (run->workers_up)
		return 0;
	run->workers_up = 1;
	zone_decide_apex(run, NULL);
	for (i = 0; i < run->jobs; i++) {
		struct zworker *w = &run->w[i];

		w->run = run;
		w->sink.emit = zone_wsink;
		w->sink.ud = w;
		w->cons = run->cons->create(run->cons->ud, run->ctx, &w->sink, run->apex);
		if (w->cons == NULL) {
			zone_oom(run);
			return -1;
		}
	}
	if (run->jobs == 1)
		return 0;
	for (i = 0; i < run->jobs; i++) {
		if (pthread_create(&run->w[i].tid, NULL, zone_worker_main, &run->w[i]) != 0) {
			report_error("cannot start a worker thread");
			run->failed = 1;
			return -1;
		}
		run->w[i].started = 1;
	}
	return 0;
}

/* Prints the findings of finished batches at the head; wait: all of them. */
static void
zone_drain(struct zrun *run, int wait)
{
	while (run->count > 0) {
		struct zbatch *b = run->ring[run->head];
		size_t i;
		int done;

		pthread_mutex_lock(&run->mu);
		while (wait && b->state != ZB_DONE)
			pthread_cond_wait(&run->done_cv, &run->mu);
		done = b->state == ZB_DONE;
		pthread_mutex_unlock(&run->mu);
		if (!done)
			return;
		for (i = 0; i < finding_list_count(b->findings); i++)
			sink_emit(run->out, finding_list_get(b->findings, i));
		finding_list_clear(b->findings);
		b->n = 0;
		b->arena.len = 0;
		b->state = ZB_FREE;
		run->head = (run->head + 1) % run->npool;
		run->count--;
	}
}

/* Sends the batch being filled to the workers. */
static void
zone_dispatch(struct zrun *run)
{
	struct zbatch *b = run->fill;

	if (b == NULL)
		return;
	run->fill = NULL;
	if (b->n == 0 || zone_workers_start(run) != 0) {
		b->n = 0;
		b->arena.len = 0;
		b->state = ZB_FREE;
		return;
	}
	run->ring[(run->head + run->count) % run->npool] = b;
	run->count++;
	if (run->jobs == 1) {
		zone_process(&run->w[0], b);
		b->state = ZB_DONE;
	} else {
		pthread_mutex_lock(&run->mu);
		b->state = ZB_QUEUED;
		b->next = NULL;
		if (run->qtail != NULL)
			run->qtail->next = b;
		else
			run->qhead = b;
		run->qtail = b;
		pthread_cond_signal(&run->work_cv);
		pthread_mutex_unlock(&run->mu);
	}
	zone_drain(run, 0);
}

/* The batch to append to: a free one, or the oldest once it is printed. */
static struct zbatch *
zone_batch(struct zrun *run)
{
	size_t i;

	if (run->fill != NULL)
		return run->fill;
	for (;;) {
		/* Workers write the state of queued batches: read it locked. */
		pthread_mutex_lock(&run->mu);
		for (i = 0; i < run->npool; i++)
			if (run->pool[i].state == ZB_FREE)
				break;
		if (i < run->npool) {
			run->fill = &run->pool[i];
			run->fill->state = ZB_FILLING;
		}
		pthread_mutex_unlock(&run->mu);
		if (run->fill != NULL) {
			run->fill->origin_off = ZNONE;
			return run->fill;
		}
		zone_drain(run, 1);
	}
}

static void
zone_batch_full(struct zrun *run)
{
	struct zbatch *b = run->fill;

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
	struct zbatch *b = zone_batch(run);
	struct zent *e;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if ((e = zbatch_entry(run, b)) == NULL)
		return;
	e->kind = ZENT_FINDING;
	e->check = id;
	e->sev = sev;
	e->owner = ZNONE;
	e->origin = ZNONE;
	e->file = in->name;
	e->line = line;
	if ((e->text = zbatch_put(run, b, msg, strlen(msg))) == ZNONE)
		b->n--;
	zone_batch_full(run);
}

/* Queues a record: text is owner (may be empty) + rest. */
static void
zone_record(struct zrun *run, const struct zin *in, const struct zscan *sc,
    const char *owner, size_t owner_len)
{
	struct zbatch *b = zone_batch(run);
	struct zent *e;
	uint32_t off;

	if ((e = zbatch_entry(run, b)) == NULL)
		return;
	e->kind = ZENT_RECORD;
	e->file = in->name;
	e->line = sc->line;
	e->ttl = run->ttl;
	e->disabled = sc->disabled;
	e->origin = ZNONE;
	if (run->has_origin) {
		if (b->origin_off == ZNONE || b->origin_gen != run->origin_gen) {
			b->origin_off = zbatch_put(run, b, run->origin.p, run->origin.len);
			b->origin_gen = run->origin_gen;
		}
		e->origin = b->origin_off;
	}
	off = b->arena.len;
	if (zstr_add(&b->arena, owner, owner_len) != 0 ||
	    zstr_add(&b->arena, run->rec, sc->len) != 0) {
		zone_oom(run);
		b->n--;
		return;
	}
	b->arena.len++;
	e->text = off;
	zone_batch_full(run);
}

/* ---- cutting records ---------------------------------------------------- */

static int
zone_bad_byte(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f;
}

/* Reads "srvlint-disable NAME[,NAME ...]" in a comment. */
static void
zone_comment(struct zscan *sc, const char *c, size_t n, unsigned long line)
{
	static const char key[] = "srvlint-disable";
	const char *p = memmem(c, n, key, sizeof key - 1), *end = c + n;
	int any = 0;

	if (p == NULL)
		return;
	if (p > c && p[-1] != ' ' && p[-1] != '\t' && p[-1] != ';')
		return;
	p += sizeof key - 1;
	if (p < end && *p != ' ' && *p != '\t' && *p != ',' && *p != ':')
		return;
	if (sc->disable_line == 0)
		sc->disable_line = line;
	while (p < end) {
		const char *b;
		char name[48];
		int id;

		while (p < end && (*p == ' ' || *p == '\t' || *p == ',' ||
		    *p == ':' || *p == '\r'))
			p++;
		b = p;
		while (p < end && *p != ' ' && *p != '\t' && *p != ',' && *p != '\r')
			p++;
		if (p == b)
			break;
		any = 1;
		id = -1;
		if ((size_t)(p - b) < sizeof name) {
			memcpy(name, b, (size_t)(p - b));
			name[p - b] = '\0';
			id = check_by_name(name);
		}
		if (id >= 0) {
			CHECK_SET_ADD(sc->disabled, id);
		} else {
			size_t u = strlen(sc->unknown);
			int len = (int)(p - b > 60 ? 60 : p - b);

			sc->disable_bad = 1;
			if (u + (size_t)len + 8 < sizeof sc->unknown)
				snprintf(sc->unknown + u, sizeof sc->unknown - u,
				    "%s\"%.*s\"", u ? ", " : "", len, b);
		}
	}
	if (!any)
		sc->disable_bad = 1;	/* names no check */
}

/* Bytes zone_scan copies without a second look (outside quotes). */
static unsigned char zone_plain[256];
static pthread_once_t zone_plain_once = PTHREAD_ONCE_INIT;

static void
zone_plain_init(void)
{
	unsigned c;

	for (c = 0x21; c < 256; c++)
		zone_plain[c] = c != 0x7f && c != ';' && c != '"' && c != '(' &&
		    c != ')' && c != '\\';
}

static void
zone_scan_err(struct zscan *sc, const char *why, unsigned byte)
{
	if (sc->err == NULL) {
		sc->err = why;
		sc->errbyte = byte;
	}
}

/* Nonzero when out[at] is escaped: an odd number of backslashes before it. */
static int
zone_escaped(const char *out, size_t at)
{
	size_t k = 0;

	while (k < at && out[at - 1 - k] == '\\')
		k++;
	return k % 2 == 1;
}

/*
 * Cuts one record off p (n bytes) into run->rec: comments dropped,
 * parentheses and the newlines inside them made blanks, quoted strings kept
 * whole.  Returns the bytes consumed, or 0 when the record does not end in
 * p and more input may come.  Sets sc->toolong past ZONE_RECORD_MAX bytes.
 */
static size_t
zone_scan(struct zrun *run, const unsigned char *p, size_t n, int eof,
    unsigned long line0, struct zscan *sc)
{
	char *out = run->rec;
	size_t i = 0, o = 0, cn = 0;
	int depth = 0, inq = 0, incomment = 0;

	sc->len = 0;
	sc->line = 0;
	sc->nl = 0;
	sc->toolong = 0;
	sc->err = NULL;
	sc->errbyte = 0;
	sc->disabled = 0;
	sc->disable_bad = 0;
	sc->disable_line = 0;
	sc->unknown[0] = '\0';
	while (i < n) {
		unsigned char c = p[i];

		if (i >= ZONE_RECORD_MAX) {
			sc->toolong = 1;
			if (sc->line == 0)
				sc->line = line0 + sc->nl;
			return i;
		}
		if ((incomment && c != '\n') || (!inq && zone_plain[c])) {
			/* Runs of comment text or plain bytes, in one go. */
			size_t lim = n < ZONE_RECORD_MAX ? n : ZONE_RECORD_MAX, j = i;

			if (incomment) {
				const unsigned char *e = memchr(p + i, '\n', lim - i);

				j = e != NULL ? (size_t)(e - p) : lim;
				if (cn < ZONE_COMMENT_MAX) {
					size_t k = j - i < ZONE_COMMENT_MAX - cn ?
					    j - i : ZONE_COMMENT_MAX - cn;

					memcpy(run->comment + cn, p + i, k);
					cn += k;
				}
			} else {
				while (j < lim && zone_plain[p[j]])
					j++;
				if (sc->line == 0)
					sc->line = line0 + sc->nl;
				memcpy(out + o, p + i, j - i);
				o += j - i;
			}
			i = j;
			continue;
		}
		if (c == '\n') {
			i++;
			sc->nl++;
			if (incomment) {
				zone_comment(sc, run->comment, cn, line0 + sc->nl - 1);
				incomment = 0;
			}
			if (inq) {
				zone_scan_err(sc, "missing closing quote", 0);
				inq = 0;
			}
			if (depth == 0)
				goto done;
			out[o++] = ' ';
			continue;
		}
		if (c == '\\' && i + 1 < n && p[i + 1] != '\n') {
			if (zone_bad_byte(p[i + 1]))
				zone_scan_err(sc, "control byte", p[i + 1]);
			if (sc->line == 0)
				sc->line = line0 + sc->nl;
			out[o++] = (char)c;
			out[o++] = (char)p[i + 1];
			i += 2;
			continue;
		}
		if (c == '\\' && i + 1 >= n && !eof)
			return 0;
		if (zone_bad_byte(c))
			zone_scan_err(sc, "control byte", c);
		i++;
		if (inq) {
			if (c == '"')
				inq = 0;
			out[o++] = (char)c;
			continue;
		}
		switch (c) {
		case ';':
			incomment = 1;
			cn = 0;
			continue;
		case '(':
			depth++;
			out[o++] = ' ';
			continue;
		case ')':
			if (depth == 0)
				zone_scan_err(sc, "')' without '('", 0);
			else
				depth--;
			out[o++] = ' ';
			continue;
		case ' ':
		case '\t':
		case '\r':
			out[o++] = ' ';
			continue;
		case '"':
			inq = 1;
			break;
		default:
			break;
		}
		if (sc->line == 0)
			sc->line = line0 + sc->nl;
		out[o++] = (char)c;
	}
	if (!eof)
		return 0;
	if (incomment)
		zone_comment(sc, run->comment, cn, line0 + sc->nl);
	if (inq)
		zone_scan_err(sc, "missing closing quote", 0);
	if (depth > 0)
		zone_scan_err(sc, "missing ')' at the end of the file", 0);
done:
	/*
	 * Blanks that stood for a trailing comment or ')' go: ldns's URI and
	 * CAA parsers call them "superfluous text".  An escaped blank stays.
	 */
	while (o > 0 && out[o - 1] == ' ' && !zone_escaped(out, o - 1))
		o--;
	out[o] = '\0';
	sc->len = o;
	return i;
}

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

/* After a record over the cap: drops everything up to the next newline. */
static int
zone_skip_line(struct zrun *run, struct zin *in)
{
	for (;;) {
		unsigned char *nl = memchr(in->buf + in->pos, '\n', in->len - in->pos);

		if (nl != NULL) {
			in->pos = (size_t)(nl - in->buf) + 1;
			in->line++;
			return 0;
		}
		in->pos = in->len;
		if (in->eof)
			return 0;
		if (zone_fill(run, in) != 0)
			return -1;
	}
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

	if (t->n == 1 && t->p[0] == '@') {
		*why = "\"@\" is no origin";
		return -1;
	}
	if (!zone_name_absolute(t->p, t->n) && !run->has_origin) {
		*why = "relative origin but no origin before it";
		return -1;
	}
	if (zone_absolute(dst, t->p, t->n, run->has_origin ? run->origin.p : NULL) != 0) {
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

/*
 * The $INCLUDE policy of zone.h: sets *full (the path as reported) and
 * *real (its realpath) and returns 0 when path may be read; returns 1 when
 * it may not (the finding is queued), -1 when out of memory.
 */
static int
zone_include_resolve(struct zrun *run, const struct zin *in, unsigned long line,
    const char *path, char **full, char **real)
{
	const char *dir = run->incl_dir;
	size_t alen;
	struct stat st;
	const struct zin *p;

	*full = NULL;
	*real = NULL;
	if (run->zp->no_include) {
		zone_finding(run, in, line, CHECK_INCLUDE_DENIED, SEV_ERROR,
		    "$INCLUDE %s refused: --no-include", path);
		return 1;
	}
	if (in->depth + 1 > ZONE_INCLUDE_DEPTH) {
		zone_finding(run, in, line, CHECK_INCLUDE_DENIED, SEV_ERROR,
		    "$INCLUDE %s refused: more than %d levels deep", path,
		    ZONE_INCLUDE_DEPTH);
		return 1;
	}
	if (run->allowed == NULL) {
		zone_finding(run, in, line, CHECK_INCLUDE_DENIED, SEV_ERROR,
		    "$INCLUDE %s refused: include directory %s not found", path, dir);
		return 1;
	}
	if (path[0] == '/' || strcmp(dir, ".") == 0) {
		*full = strdup(path);
	} else if ((*full = malloc(strlen(dir) + strlen(path) + 2)) != NULL) {
		sprintf(*full, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
		    path);
	}
	if (*full == NULL)
		return -1;
	/* realpath: "..", symbolic links and all, before the directory test. */
	if ((*real = realpath(*full, NULL)) == NULL) {
		zone_finding(run, in, line, CHECK_PARSE_ERROR, SEV_ERROR,
		    "$INCLUDE %s: %s", *full, strerror(errno));
		return 1;
	}
	alen = strlen(run->allowed);
	if (strcmp(run->allowed, "/") != 0 &&
	    (strncmp(*real, run->allowed, alen) != 0 || (*real)[alen] != '/')) {
		zone_finding(run, in, line, CHECK_INCLUDE_DENIED, SEV_ERROR,
		    "$INCLUDE %s refused: outside the include directory %s", path, dir);
		return 1;
	}
	for (p = in; p != NULL; p = p->parent) {
		if (p->real != NULL && strcmp(p->real, *real) == 0) {
			zone_finding(run, in, line, CHECK_INCLUDE_DENIED, SEV_ERROR,
			    "$INCLUDE %s refused: include loop (%s is being read)",
			    path, p->name);
			return 1;
		}
	}
	if (stat(*real, &st) != 0 || !S_ISREG(st.st_mode)) {
		zone_finding(run, in, line, CHECK_INCLUDE_DENIED, SEV_ERROR,
		    "$INCLUDE %s refused: not a regular file", path);
		return 1;
	}
	if (run->nincludes >= ZONE_INCLUDE_MAX ||
	    (unsigned long long)st.st_size > ZONE_INCLUDE_BYTES - run->incl_bytes) {
		zone_finding(run, in, line, CHECK_INCLUDE_DENIED, SEV_ERROR,
		    "$INCLUDE %s refused: over %d includes or %llu MB of "
		    "included files in one zone", path, ZONE_INCLUDE_MAX,
		    ZONE_INCLUDE_BYTES >> 20);
		return 1;
	}
	run->nincludes++;
	run->incl_bytes += (unsigned long long)st.st_size;
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
	const char *why;
	struct stat st;
	int rc = 0, r;

	memset(&child, 0, sizeof child);
	child.fd = -1;
	if (n < 2) {
		zone_finding(run, in, line, CHECK_PARSE_ERROR, SEV_ERROR,
		    "$INCLUDE without a file name");
		return 0;
	}
	if ((path = ztok_dup(&t[1])) == NULL ||
	    (r = zone_include_resolve(run, in, line, path, &full, &real)) < 0)
		goto oom;
	if (r > 0)
		goto out;
	if (n >= 3 && zone_origin_arg(run, &t[2], &origin, &why) != 0) {
		zone_finding(run, in, line, CHECK_PARSE_ERROR, SEV_ERROR,
		    "$INCLUDE %s: origin %.*s: %s", path,
		    (int)(t[2].n > 200 ? 200 : t[2].n), t[2].p, why);
		goto out;
	}
	/* O_NONBLOCK: a FIFO swapped in after stat must not hang the open. */
	child.fd = open(real, O_RDONLY | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (child.fd < 0 || fstat(child.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		zone_finding(run, in, line, CHECK_PARSE_ERROR, SEV_ERROR,
		    "$INCLUDE %s: %s", full, child.fd < 0 ? strerror(errno) :
		    "not a regular file");
		goto out;
	}
	if ((child.buf = malloc(ZONE_BUF_INCLUDE)) == NULL ||
	    (child.name = zone_file_name(run, full)) == NULL)
		goto oom;
	child.cap = ZONE_BUF_INCLUDE;
	child.real = real;
	child.line = 1;
	child.depth = in->depth + 1;
	child.parent = in;
	rc = zone_include_read(run, &child, &origin);
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
	size_t n = zone_tokens(run->rec, t, 4);
	const char *why;
	unsigned long v;

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
		r = zone_decimal(&t[1], &v);
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
	if (ztok_is(&t[0], "$GENERATE")) {
		zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_NOTE,
		    "$GENERATE is not supported: the records it makes are not checked");
		return 0;
	}
	zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
	    "unknown directive %.*s", (int)(t[0].n > 40 ? 40 : t[0].n), t[0].p);
	return 0;
}

/* One cut record: a directive, or a record for the workers. */
static int
zone_entry(struct zrun *run, struct zin *in, const struct zscan *sc)
{
	struct ztok t[4];
	size_t n;

	if (sc->disable_bad)
		zone_finding(run, in, sc->line ? sc->line : sc->disable_line,
		    CHECK_PARSE_ERROR, SEV_NOTE, "srvlint-disable: %s%s",
		    sc->unknown[0] ? "unknown check " : "names no check",
		    sc->unknown);
	if (sc->line == 0)
		return 0;	/* blank, or a comment */
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
	if (run->rec[0] == '$')
		return zone_directive(run, in, sc);
	if (run->rec[0] == ' ') {
		/* A blank owner: the previous record's. */
		if (!run->has_prev) {
			zone_finding(run, in, sc->line, CHECK_PARSE_ERROR, SEV_ERROR,
			    "no owner name, and no record before to take it from");
			return 0;
		}
		zone_record(run, in, sc, run->prev.p, run->prev.len);
	} else {
		n = zone_tokens(run->rec, t, 1);
		if (zone_absolute(&run->prev, t[0].p, t[0].n,
		    run->has_origin ? run->origin.p : NULL) != 0) {
			zone_oom(run);
			return -1;
		}
		run->has_prev = 1;
		(void)n;
		zone_record(run, in, sc, "", 0);
	}
	if (!run->apex_decided) {
		size_t k = 0, ti;

		if (run->rec[0] == ' ') {	/* the inherited owner stands first */
			t[0].p = run->prev.p;
			t[0].n = run->prev.len;
			k = 1;
		}
		n = k + zone_tokens(run->rec, t + k, 4 - k);
		ti = zone_type_index(t, n);
		zone_decide_apex(run, ti < n && ztok_is(&t[ti], "SOA") ? run->prev.p : NULL);
	}
	return run->failed ? -1 : 0;
}

static int
zone_read(struct zrun *run, struct zin *in)
{
	struct zscan sc;

	for (;;) {
		size_t avail = in->len - in->pos, used = 0;

		if (run->failed)
			return -1;
		if (avail == 0 && in->eof)
			return 0;
		if (avail > 0)
			used = zone_scan(run, in->buf + in->pos, avail, in->eof, in->line, &sc);
		if (used == 0) {
			if (zone_fill(run, in) != 0)
				return -1;
			continue;
		}
		in->pos += used;
		in->line += sc.nl;
		if (sc.toolong) {
			if (!CHECK_SET_HAS(sc.disabled, CHECK_PARSE_ERROR))
				zone_finding(run, in, sc.line, CHECK_PARSE_ERROR, SEV_ERROR,
				    "record longer than %d bytes; skipped to the end of its line",
				    ZONE_RECORD_MAX);
			if (zone_skip_line(run, in) != 0)
				return -1;
			continue;
		}
		if (zone_entry(run, in, &sc) != 0)
			return -1;
	}
}

/* ---- one zone file ----------------------------------------------------------- */

static void *
zone_cons_create(void *ud, const struct lint_ctx *ctx, const struct sink *sink,
    const ldns_rdf *apex)
{
	return checker_create(ctx, sink, apex);
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
	if ((l = finding_list_create()) == NULL) {
		zone_oom(run);
		return;
	}
	run->w[0].cur = l;
	run->cons->finish(run->w[0].cons);
	n = finding_list_count(l);
	if ((idx = malloc((n ? n : 1) * sizeof *idx)) == NULL) {
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

	if (run->w != NULL) {
		pthread_mutex_lock(&run->mu);
		run->stop = 1;
		pthread_cond_broadcast(&run->work_cv);
		pthread_mutex_unlock(&run->mu);
		for (k = 0; k < run->jobs; k++) {
			if (run->w[k].started)
				pthread_join(run->w[k].tid, NULL);
			if (run->w[k].cons != NULL)
				run->cons->destroy(run->w[k].cons);
			ldns_rdf_deep_free(run->w[k].origin);
			ldns_rdf_deep_free(run->w[k].owner);
			free(run->w[k].origin_text.p);
			free(run->w[k].owner_text.p);
			free(run->w[k].scratch.p);
			free(run->w[k].tok.p);
			free(run->w[k].swap.p);
		}
		free(run->w);
	}
	for (i = 0; run->pool != NULL && i < run->npool; i++) {
		free(run->pool[i].arena.p);
		free(run->pool[i].ent);
		finding_list_destroy(run->pool[i].findings);
	}
	free(run->pool);
	free(run->ring);
	for (i = 0; i < run->nfiles; i++)
		free(run->files[i]);
	free(run->files);
	free(run->incl_dir);
	free(run->allowed);
	free(run->origin.p);
	free(run->prev.p);
	free(run->first_origin);
	free(run->rec);
	ldns_rdf_deep_free(run->apex);
	pthread_mutex_destroy(&run->mu);
	pthread_cond_destroy(&run->work_cv);
	pthread_cond_destroy(&run->done_cv);
}

static int
zone_run_init(struct zrun *run, const char *path)
{
	size_t i;
	const char *slash;

	pthread_once(&zone_plain_once, zone_plain_init);
	run->jobs = run->zp->jobs < 1 ? 1 : run->zp->jobs > ZONE_JOBS_MAX ?
	    ZONE_JOBS_MAX : run->zp->jobs;
	run->ttl = ZONE_DEFAULT_TTL;
	run->npool = (size_t)run->jobs * 4 + 4;	/* slack for a slow worker */
	run->rec = malloc(ZONE_RECORD_MAX + 4);
	run->w = calloc((size_t)run->jobs, sizeof *run->w);
	run->pool = calloc(run->npool, sizeof *run->pool);
	run->ring = calloc(run->npool, sizeof *run->ring);
	if (run->rec == NULL || run->w == NULL || run->pool == NULL || run->ring == NULL)
		return -1;
	for (i = 0; i < run->npool; i++)
		if ((run->pool[i].findings = finding_list_create()) == NULL)
			return -1;
	if (run->zp->include_dir != NULL) {
		run->incl_dir = strdup(run->zp->include_dir);
	} else if (strcmp(path, "-") == 0 || (slash = strrchr(path, '/')) == NULL) {
		run->incl_dir = strdup(".");
	} else if (slash == path) {
		run->incl_dir = strdup("/");
	} else {
		run->incl_dir = strndup(path, (size_t)(slash - path));
	}
	if (run->incl_dir == NULL)
		return -1;
	run->allowed = realpath(run->incl_dir, NULL);
	if (run->zp->origin != NULL) {
		size_t n = strlen(run->zp->origin);

		if (zstr_set(&run->origin, run->zp->origin, n) != 0 ||
		    (!zone_name_absolute(run->zp->origin, n) &&
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
	pthread_mutex_init(&run.mu, NULL);
	pthread_cond_init(&run.work_cv, NULL);
	pthread_cond_init(&run.done_cv, NULL);
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
	in.line = 1;
	rc = zone_read(&run, &in) != 0 ? -1 : 0;
	zone_dispatch(&run);
	zone_drain(&run, 1);	/* after it, the workers' oom flags are visible */
	if (rc == 0 && !run.failed)
		zone_finish(&run);
	for (i = 0; run.w != NULL && i < run.jobs; i++)
		if (run.w[i].oom)
			zone_oom(&run);
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
		zp.jobs = cores < 1 ? 1 : cores > ZONE_JOBS_MAX ? ZONE_JOBS_MAX : (int)cores;
	}
	if (argc < 1) {
		report_error("check: no zone file given (\"-\" reads standard input)");
		return 2;
	}
	for (i = 0; i < argc; i++)
		if (zone_check_file(ctx, argv[i], &zp, NULL, &out) != 0)
			failed = 1;
	status = report_finish(r, (unsigned long)argc, "file");
	return failed ? 2 : status;
}
