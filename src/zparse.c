/*
 * zparse.c -- one record text into an ldns_rr (zparse.h).  The common
 * types are built field by field (zparse_fast): straight into wire form in
 * the parser's own record when every field is of the plain kinds
 * zparse_direct is sure of, else through ldns's own converters; everything
 * else and every error through ldns_rr_new_frm_str, whose verdict and
 * message stand; then the checks ldns does not do.
 */
#include <arpa/inet.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ownermsg.h"
#include "rrtype.h"
#include "zparse.h"
#include "zscan.h"

#define ZPARSE_TOKENS	24
#define ZPARSE_HEAD	8	/* owner, TTL, class, type and 4 fields */
#define ZONE_TTL_MAX	2147483647UL	/* RFC 2181 section 8 */
#define ZPARSE_FIELD	256	/* wire bytes of a name or a character-string, at most */
#define ZPARSE_TYPE_CACHE	16	/* type mnemonics remembered */

/* Who owns the record returned last, so zparse_release frees what it must. */
enum zrr_kind {
	ZRR_LDNS,	/* ldns's, all of it */
	ZRR_BORROWED,	/* ldns's, but the owner is the parser's */
	ZRR_DIRECT	/* the parser's own record (direct) */
};

/*
 * The parser's own record: an ldns_rr whose owner and fields are the
 * parser's structs over its wire buffer, refilled for each record, so the
 * common records cost no allocation.  The rr's field array is ldns's,
 * ZPARSE_TOKENS long; rd_count says how many are this record's.
 */
struct zdirect {
	ldns_rr *rr;
	ldns_rdf owner;
	ldns_rdf field[ZPARSE_TOKENS];
	uint8_t owner_wire[ZPARSE_FIELD];
	char owner_tok[4 * 255];	/* the token owner_wire was made of */
	size_t owner_tok_n;		/* its length; 0: none */
	unsigned long owner_gen;	/* and the origin it was made under */
	const ldns_rdf *owner_origin;
	uint8_t wire[ZPARSE_TOKENS * ZPARSE_FIELD];
};

struct zparser {
	struct zstr origin_text;	/* the origin last turned into origin */
	ldns_rdf *origin;
	unsigned long origin_gen;	/* counts the origins taken */
	struct zstr scratch;
	struct zstr tok;		/* one token, NUL-terminated */
	struct zstr swap;		/* a record with "class TTL" swapped */
	struct zstr owner_text;		/* the owner last turned into owner */
	ldns_rdf *owner;
	ldns_rr *rr;			/* the last record returned */
	enum zrr_kind kind;		/* and who owns it */
	struct zdirect direct;
	const struct rrtype *types[ZPARSE_TYPE_CACHE];	/* rrtype_by_name's last answers */
	char *err_owner;		/* ldns_rdf2str of a bad record's owner */
	char msg[512];
};

/*
 * The numeric fields ldns 1.8 wraps silently: of each type, its first
 * fields' largest values (0: not checked) and names.
 */
#define ZRANGE_FIELDS	3

struct zrange {
	ldns_rr_type type;
	unsigned long max[ZRANGE_FIELDS];
	const char *what[ZRANGE_FIELDS];
};

static const struct zrange zparse_ranges[] = {
	{ LDNS_RR_TYPE_SRV, { 65535, 65535, 65535 }, { "priority", "weight", "port" } },
	{ LDNS_RR_TYPE_MX, { 65535 }, { "preference" } },
	{ LDNS_RR_TYPE_KX, { 65535 }, { "preference" } },
	{ LDNS_RR_TYPE_AFSDB, { 65535 }, { "subtype" } },
	{ LDNS_RR_TYPE_NAPTR, { 65535, 65535 }, { "order", "preference" } },
	{ LDNS_RR_TYPE_TLSA, { 255, 255, 255 }, { "usage", "selector", "matching type" } },
	{ LDNS_RR_TYPE_SMIMEA, { 255, 255, 255 }, { "usage", "selector", "matching type" } },
	{ LDNS_RR_TYPE_SVCB, { 65535 }, { "priority" } },
	{ LDNS_RR_TYPE_HTTPS, { 65535 }, { "priority" } },
	{ LDNS_RR_TYPE_URI, { 65535, 65535 }, { "priority", "weight" } },
	{ LDNS_RR_TYPE_CAA, { 255 }, { "flags" } },
	{ LDNS_RR_TYPE_SSHFP, { 255, 255 }, { "algorithm", "fingerprint type" } },
	{ LDNS_RR_TYPE_DS, { 65535, 255, 255 }, { "key tag", "algorithm", "digest type" } },
};

/* Gives the direct record back to ldns empty (no field, no owner of ours) and frees it. */
static void
zdirect_free(struct zdirect *d)
{
	size_t i;

	if (d->rr == NULL)
		return;
	ldns_rr_set_rd_count(d->rr, ZPARSE_TOKENS);
	for (i = 0; i < ZPARSE_TOKENS; i++)
		ldns_rr_set_rdf(d->rr, NULL, i);
	ldns_rr_set_owner(d->rr, NULL);
	ldns_rr_free(d->rr);
	d->rr = NULL;
}

/* The direct record with room for ZPARSE_TOKENS fields, each one of d's; -1: out of memory. */
static int
zdirect_init(struct zdirect *d)
{
	size_t i;

	if ((d->rr = ldns_rr_new()) == NULL)
		return -1;
	for (i = 0; i < ZPARSE_TOKENS; i++) {
		if (!ldns_rr_push_rdf(d->rr, &d->field[i])) {
			ldns_rr_set_rd_count(d->rr, i);
			for (size_t k = 0; k < i; k++)
				ldns_rr_set_rdf(d->rr, NULL, k);
			ldns_rr_free(d->rr);
			d->rr = NULL;
			return -1;
		}
	}
	ldns_rr_set_rd_count(d->rr, 0);
	return 0;
}

struct zparser *
zparser_create(void)
{
	struct zparser *zp = calloc(1, sizeof(struct zparser));

	if (zp != NULL && zdirect_init(&zp->direct) != 0) {
		free(zp);
		return NULL;
	}
	return zp;
}

/* Frees the record returned last. */
static void
zparse_release(struct zparser *zp)
{
	if (zp->kind == ZRR_DIRECT)
		zp->rr = NULL;		/* the parser's, refilled next time */
	else if (zp->rr != NULL && zp->kind == ZRR_BORROWED)
		ldns_rr_set_owner(zp->rr, NULL);	/* the parser's */
	ldns_rr_free(zp->rr);
	zp->rr = NULL;
	zp->kind = ZRR_LDNS;
	free(zp->err_owner);
	zp->err_owner = NULL;
}

void
zparser_destroy(struct zparser *zp)
{
	if (zp == NULL)
		return;
	zparse_release(zp);
	zdirect_free(&zp->direct);
	ldns_rdf_deep_free(zp->origin);
	ldns_rdf_deep_free(zp->owner);
	free(zp->origin_text.p);
	free(zp->owner_text.p);
	free(zp->scratch.p);
	free(zp->tok.p);
	free(zp->swap.p);
	free(zp);
}

/* The origin as a name, kept while records share it. */
static const ldns_rdf *
zparse_origin(struct zparser *zp, const char *text)
{
	if (text == NULL)
		return NULL;
	if (zp->origin != NULL && strcmp(zp->origin_text.p, text) == 0)
		return zp->origin;
	ldns_rdf_deep_free(zp->origin);
	zp->origin = NULL;
	zp->origin_gen++;
	if (zstr_set(&zp->origin_text, text, strlen(text)) != 0)
		return NULL;
	zp->origin = ldns_dname_new_frm_str(text);	/* checked by the reader */
	return zp->origin;
}

static int
zparse_generic(const struct ztok *t, size_t n, size_t ti)
{
	return ti + 1 < n && t[ti + 1].n == 2 && t[ti + 1].p[0] == '\\' &&
	    t[ti + 1].p[1] == '#';
}

/* port=N of SVCB and HTTPS, which ldns 1.8 wraps past 65535. */
static int
zparse_svcb_port(const struct ztok *t, size_t n, size_t ti, char *msg, size_t msgsize)
{
	size_t i;

	for (i = ti + 3; i < n; i++) {
		struct ztok v;
		unsigned long port;

		if (t[i].n < 6 || strncasecmp(t[i].p, "port=", 5) != 0)
			continue;
		v.p = t[i].p + 5;
		v.n = t[i].n - 5;
		if (v.n >= 2 && v.p[0] == '"' && v.p[v.n - 1] == '"') {
			v.p++;
			v.n -= 2;
		}
		if (ztok_decimal(&v, &port) == 1 && port <= 65535)
			continue;
		snprintf(msg, msgsize, "SvcParam port %.*s out of range 0-65535",
		    (int)(v.n > 40 ? 40 : v.n), v.p);
		return -1;
	}
	return 0;
}

/*
 * The checks ldns does not do: numbers it wraps, TTLs past 2^31-1, and
 * relative names when there is no origin.  Writes the reason into msg and
 * returns -1 when the record must not go on to the checker.
 */
static int
zparse_validate(const ldns_rr *rr, const struct ztok *t, size_t n, size_t ti,
    int has_origin, char *msg, size_t msgsize)
{
	ldns_rr_type type = ldns_rr_get_type(rr);
	unsigned long v;
	size_t i;
	int r;

	for (i = 1; i < ti && i < n; i++) {
		if (t[i].p[0] >= '0' && t[i].p[0] <= '9' &&
		    ztok_decimal(&t[i], &v) == 1 && v > ZONE_TTL_MAX) {
			snprintf(msg, msgsize, "TTL %.*s out of range 0-%lu",
			    (int)(t[i].n > 40 ? 40 : t[i].n), t[i].p, ZONE_TTL_MAX);
			return -1;
		}
	}
	if (zparse_generic(t, n, ti))
		return 0;	/* wire data: no number to wrap, no relative name */
	for (i = 0; i < sizeof zparse_ranges / sizeof zparse_ranges[0]; i++)
		if (zparse_ranges[i].type == type)
			break;
	for (size_t f = 0; i < sizeof zparse_ranges / sizeof zparse_ranges[0] &&
	    f < ZRANGE_FIELDS; f++) {
		const struct zrange *z = &zparse_ranges[i];
		size_t k = ti + 1 + f;

		if (z->max[f] == 0 || k >= n)
			break;
		r = ztok_decimal(&t[k], &v);
		if (r == -1 || (r == 1 && v > z->max[f])) {
			const ldns_rr_descriptor *d = ldns_rr_descript(type);

			snprintf(msg, msgsize, "%s %s %.*s out of range 0-%lu",
			    d != NULL ? d->_name : "", z->what[f],
			    (int)(t[k].n > 40 ? 40 : t[k].n), t[k].p, z->max[f]);
			return -1;
		}
	}
	if ((type == LDNS_RR_TYPE_SVCB || type == LDNS_RR_TYPE_HTTPS) &&
	    zparse_svcb_port(t, n, ti, msg, msgsize) != 0)
		return -1;
	if (has_origin)
		return 0;
	/* No origin: ldns would quietly hang relative names off the root. */
	if (n > 0 && !zname_absolute(t[0].p, t[0].n)) {
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
			if (!zname_absolute(a->p, a->n)) {
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
zparse_tok_str(struct zstr *buf, const struct ztok *t)
{
	const char *p = t->p;
	size_t n = t->n;

	if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
		p++;
		n -= 2;
	}
	return zstr_set(buf, p, n) == 0 ? buf->p : NULL;
}

/*
 * A name ending in a backslash that escapes nothing ("x\" at the end of a
 * line): ldns refuses it, but with ".origin" appended it would read as an
 * escaped dot.
 */
static int
zname_dangling(const char *p, size_t n)
{
	size_t bs = 0;

	while (bs < n && p[n - 1 - bs] == '\\')
		bs++;
	return bs % 2 == 1;
}

/* A domain name token under origin (absolute text), or NULL. */
static ldns_rdf *
zparse_dname(struct zstr *buf, const struct ztok *t, const char *origin,
    const ldns_rdf *origin_rdf)
{
	if (t->n == 1 && t->p[0] == '@')
		return ldns_rdf_clone(origin_rdf);
	if (zname_dangling(t->p, t->n))
		return NULL;
	if (zname_resolve(buf, t->p, t->n, origin) != 0)
		return NULL;
	return ldns_dname_new_frm_str(buf->p);
}

/*
 * A record with only its owner, the parser's (zparse_release): records of
 * one owner come together, so the owner is parsed once for all of them.
 * NULL when the owner is no name or out of memory.
 */
static ldns_rr *
zparse_bare(struct zparser *zp, const struct ztok *owner, const char *origin,
    const ldns_rdf *origin_rdf)
{
	ldns_rr *rr;

	if (zname_dangling(owner->p, owner->n) ||
	    zname_resolve(&zp->scratch, owner->p, owner->n, origin) != 0)
		return NULL;
	if (zp->owner == NULL || strcmp(zp->owner_text.p, zp->scratch.p) != 0) {
		ldns_rdf_deep_free(zp->owner);
		zp->owner = NULL;
		if (owner->n == 1 && owner->p[0] == '@' && origin_rdf != NULL)
			zp->owner = ldns_rdf_clone(origin_rdf);
		else
			zp->owner = ldns_dname_new_frm_str(zp->scratch.p);
		if (zp->owner == NULL ||
		    zstr_set(&zp->owner_text, zp->scratch.p, zp->scratch.len) != 0) {
			ldns_rdf_deep_free(zp->owner);
			zp->owner = NULL;
			return NULL;
		}
	}
	if ((rr = ldns_rr_new()) == NULL)
		return NULL;
	ldns_rr_set_owner(rr, zp->owner);
	return rr;
}

/*
 * The head of a record for the fast path: the common types of a zone (A,
 * AAAA, SRV, TXT, MX, CNAME, NS, PTR), class IN, a decimal TTL, names
 * absolute or under an origin, no RFC 3597 generic data.  Sets *ttl and
 * *type; -1 when the record is anything else (ldns_rr_new_frm_str then).
 */
static int
zparse_fast_head(const struct ztok *t, size_t n, size_t ti, uint32_t *ttl,
    ldns_rr_type *type, const char *origin, const ldns_rdf *origin_rdf)
{
	size_t nrd, i, min = 1;
	unsigned long v;

	if (n < 3 || n == ZPARSE_TOKENS || (origin != NULL && origin_rdf == NULL))
		return -1;
	/* Without an origin (a signer's output), only absolute names: ldns judges the rest. */
	if (origin == NULL && !zname_absolute(t[0].p, t[0].n))
		return -1;
	if (ti + 1 >= n)
		return -1;
	/* TTL then class, as ldns_rr_new_frm_str takes them. */
	for (i = 1; i < ti; i++) {
		if (ztok_is(&t[i], "IN") && i + 1 == ti)
			continue;
		if (i != 1 || ztok_decimal(&t[i], &v) != 1 ||
		    t[i].p[0] == '+' || v > 0xffffffffUL)
			return -1;
		*ttl = (uint32_t)v;
	}
	nrd = n - ti - 1;
	if (ztok_is(&t[ti], "A"))
		*type = LDNS_RR_TYPE_A;
	else if (ztok_is(&t[ti], "AAAA"))
		*type = LDNS_RR_TYPE_AAAA;
	else if (ztok_is(&t[ti], "SRV"))
		*type = LDNS_RR_TYPE_SRV, min = 4;
	else if (ztok_is(&t[ti], "TXT"))
		*type = LDNS_RR_TYPE_TXT;
	else if (ztok_is(&t[ti], "MX"))
		*type = LDNS_RR_TYPE_MX, min = 2;
	else if (ztok_is(&t[ti], "CNAME"))
		*type = LDNS_RR_TYPE_CNAME;
	else if (ztok_is(&t[ti], "NS"))
		*type = LDNS_RR_TYPE_NS;
	else if (ztok_is(&t[ti], "PTR"))
		*type = LDNS_RR_TYPE_PTR;
	else
		return -1;
	if (nrd < min || (*type != LDNS_RR_TYPE_TXT && nrd != min))
		return -1;
	if (zparse_generic(t, n, ti))
		return -1;	/* RFC 3597 generic data: ldns's own parser */
	return 0;
}

/*
 * The byte an escape at p[i] (the backslash, n bytes in all) stands for,
 * as ldns reads it: \DDD (at most 255) or \X, X no digit.  Returns the
 * bytes it takes, 0 for an escape ldns refuses.
 */
static size_t
zwire_escape(const char *p, size_t i, size_t n, uint8_t *byte)
{
	if (i + 1 >= n)
		return 0;
	if (p[i + 1] < '0' || p[i + 1] > '9') {
		*byte = (uint8_t)p[i + 1];
		return 2;
	}
	if (i + 3 < n && p[i + 2] >= '0' && p[i + 2] <= '9' && p[i + 3] >= '0' && p[i + 3] <= '9') {
		unsigned v = (unsigned)(p[i + 1] - '0') * 100 + (unsigned)(p[i + 2] - '0') * 10 +
		    (unsigned)(p[i + 3] - '0');

		*byte = (uint8_t)v;
		return v <= 255 ? 4 : 0;
	}
	return 0;
}

/*
 * A name token in wire form at w (ZPARSE_FIELD bytes), as
 * ldns_dname_new_frm_str makes it of the token under origin (olen: the
 * origin's text length): its length, or 0 when the token is no plain name
 * ldns takes (a bad escape, a quote, an empty or long label, a long name,
 * a relative name without an origin) -- ldns's converter judges those.
 */
/* The bytes that end a run of a name's label text: a dot, an escape, a quote. */
static const unsigned char zwire_special[256] = { ['.'] = 1, ['\\'] = 1, ['"'] = 1 };

static size_t
zwire_dname(uint8_t *w, const struct ztok *a, const ldns_rdf *origin, size_t olen)
{
	const unsigned char *p = (const unsigned char *)a->p;
	size_t out = 1, lab, start = 0, i = 0, n = a->n, k, lim;
	uint8_t byte;

	if (n == 1 && (p[0] == '@' || p[0] == '.')) {
		if (p[0] == '.') {
			w[0] = 0;
			return 1;
		}
		if (origin == NULL)
			return 0;
		memcpy(w, ldns_rdf_data(origin), ldns_rdf_size(origin));
		return ldns_rdf_size(origin);
	}
	if (n > 4 * 255)
		return 0;	/* ldns's limit on the text */
	for (;;) {
		/*
		 * A run of plain label bytes, copied as they are; each takes one
		 * byte of w, so the run stops where w would be full.
		 */
		lim = i + (ZPARSE_FIELD - 1 - out);
		if (lim > n)
			lim = n;
		while (i < lim && !zwire_special[p[i]])
			w[out++] = p[i++];
		if (i == n)
			break;
		if (p[i] == '"' || out >= ZPARSE_FIELD - 1)
			return 0;
		if (p[i] == '\\') {
			if ((k = zwire_escape(a->p, i, n, &byte)) == 0)
				return 0;
			w[out++] = byte;
			i += k;
		} else {
			lab = out - start - 1;
			if (lab == 0 || lab > 63)
				return 0;
			w[start] = (uint8_t)lab;
			start = out++;
			i++;
		}
	}
	lab = out - start - 1;
	if (lab == 0) {		/* an unescaped dot last: absolute, the root label closes it */
		w[start] = 0;
		return out;
	}
	/* Relative: ldns reads "token.origin", at most 4 * 255 characters of it. */
	if (origin == NULL || lab > 63 || n + 1 + olen > 4 * 255 ||
	    out + ldns_rdf_size(origin) > ZPARSE_FIELD - 1)
		return 0;
	w[start] = (uint8_t)lab;
	memcpy(w + out, ldns_rdf_data(origin), ldns_rdf_size(origin));
	return out + ldns_rdf_size(origin);
}

/* A dotted quad without leading zeros (a subset of what inet_pton takes); 0: unsure. */
static size_t
zwire_a(uint8_t *w, const struct ztok *a)
{
	size_t i = 0, k;

	for (k = 0; k < 4; k++) {
		unsigned v = 0, digits = 0;

		if (k > 0 && (i >= a->n || a->p[i++] != '.'))
			return 0;
		while (i < a->n && a->p[i] >= '0' && a->p[i] <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(a->p[i++] - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255 || (digits > 1 && a->p[i - digits] == '0'))
			return 0;
		w[k] = (uint8_t)v;
	}
	return i == a->n ? 4 : 0;
}

/* An IPv6 address through inet_pton, as ldns_str2rdf_aaaa reads it; 0: unsure. */
static size_t
zwire_aaaa(uint8_t *w, const struct ztok *a)
{
	char s[64];

	if (a->n >= sizeof s)
		return 0;
	memcpy(s, a->p, a->n);
	s[a->n] = '\0';
	return inet_pton(AF_INET6, s, w) == 1 ? 16 : 0;
}

/* 1-5 digits up to 65535, network order; 0: unsure (ldns and the range check judge). */
static size_t
zwire_int16(uint8_t *w, const struct ztok *a)
{
	unsigned long v = 0;
	size_t i;

	if (a->n == 0 || a->n > 5)
		return 0;
	for (i = 0; i < a->n; i++) {
		if (a->p[i] < '0' || a->p[i] > '9')
			return 0;
		v = v * 10 + (unsigned long)(a->p[i] - '0');
	}
	if (v > 65535)
		return 0;
	w[0] = (uint8_t)(v >> 8);
	w[1] = (uint8_t)v;
	return 2;
}

/*
 * A character-string: a word or a whole quoted string without escapes or
 * inner quotes, at most 255 bytes; 0: unsure.
 */
static size_t
zwire_str(uint8_t *w, const struct ztok *a)
{
	const char *p = a->p;
	size_t n = a->n;

	if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
		p++;
		n -= 2;
	}
	if (n > 255 || memchr(p, '"', n) != NULL || memchr(p, '\\', n) != NULL)
		return 0;
	w[0] = (uint8_t)n;
	memcpy(w + 1, p, n);
	return n + 1;
}

/* One field in wire form at w; 0 when zparse_direct is not sure of it. */
static size_t
zwire_field(uint8_t *w, const struct ztok *a, ldns_rdf_type ft,
    const ldns_rdf *origin, size_t olen)
{
	switch (ft) {
	case LDNS_RDF_TYPE_DNAME:
		return zwire_dname(w, a, origin, olen);
	case LDNS_RDF_TYPE_A:
		return zwire_a(w, a);
	case LDNS_RDF_TYPE_AAAA:
		return zwire_aaaa(w, a);
	case LDNS_RDF_TYPE_INT16:
		return zwire_int16(w, a);
	case LDNS_RDF_TYPE_STR:
		return zwire_str(w, a);
	default:
		return 0;
	}
}

static void
zdirect_rdf(ldns_rdf *f, ldns_rdf_type type, uint8_t *data, size_t size)
{
	ldns_rdf_set_type(f, type);
	ldns_rdf_set_data(f, data);
	ldns_rdf_set_size(f, size);
}

/* The owner into the direct record; -1 when zwire_dname is unsure of it. */
static int
zdirect_owner(struct zparser *zp, const struct ztok *owner, const ldns_rdf *origin_rdf)
{
	struct zdirect *d = &zp->direct;
	size_t len;

	/* Records of one owner come together: its wire form is kept. */
	if (d->owner_tok_n != 0 && d->owner_tok_n == owner->n && d->owner_gen == zp->origin_gen &&
	    d->owner_origin == origin_rdf && memcmp(d->owner_tok, owner->p, owner->n) == 0)
		return 0;
	d->owner_tok_n = 0;
	if ((len = zwire_dname(d->owner_wire, owner, origin_rdf, zp->origin_text.len)) == 0)
		return -1;
	zdirect_rdf(&d->owner, LDNS_RDF_TYPE_DNAME, d->owner_wire, len);
	ldns_rr_set_owner(d->rr, &d->owner);
	if (owner->n <= sizeof d->owner_tok) {
		memcpy(d->owner_tok, owner->p, owner->n);
		d->owner_tok_n = owner->n;
		d->owner_gen = zp->origin_gen;
		d->owner_origin = origin_rdf;
	}
	return 0;
}

/*
 * The record in the parser's own ldns_rr, with ldns_rr_new_frm_str's wire
 * bytes; NULL when any field is of a kind zparse_direct is not sure of.
 */
static ldns_rr *
zparse_direct(struct zparser *zp, const struct ztok *t, size_t n, size_t ti,
    uint32_t ttl, ldns_rr_type type, const ldns_rdf *origin_rdf)
{
	struct zdirect *d = &zp->direct;
	const ldns_rr_descriptor *desc = ldns_rr_descript(type);
	size_t nrd = n - ti - 1, used = 0, i;

	for (i = 0; i < nrd; i++) {
		ldns_rdf_type ft = ldns_rr_descriptor_field_type(desc, i);
		size_t len = zwire_field(d->wire + used, &t[ti + 1 + i], ft, origin_rdf,
		    zp->origin_text.len);

		if (len == 0)
			return NULL;
		zdirect_rdf(&d->field[i], ft, d->wire + used, len);
		used += len;
	}
	if (zdirect_owner(zp, &t[0], origin_rdf) != 0)
		return NULL;
	ldns_rr_set_rd_count(d->rr, nrd);
	ldns_rr_set_ttl(d->rr, ttl);
	ldns_rr_set_class(d->rr, LDNS_RR_CLASS_IN);
	ldns_rr_set_type(d->rr, type);
	zp->kind = ZRR_DIRECT;
	return d->rr;
}

/*
 * The fast path through ldns's own converters (ldns_dname_new_frm_str,
 * ldns_rdf_new_frm_str), which skips ldns_rr_new_frm_str's byte-at-a-time
 * tokenizer, its biggest cost.  NULL whenever anything fails: the caller
 * then asks ldns_rr_new_frm_str, whose verdict and error message stand.
 */
static ldns_rr *
zparse_converted(struct zparser *zp, const struct ztok *t, size_t n, size_t ti,
    uint32_t ttl, ldns_rr_type type, const char *origin, const ldns_rdf *origin_rdf)
{
	const ldns_rr_descriptor *d = ldns_rr_descript(type);
	size_t nrd = n - ti - 1, i;
	ldns_rr *rr;

	if ((rr = zparse_bare(zp, &t[0], origin, origin_rdf)) == NULL)
		return NULL;
	ldns_rr_set_ttl(rr, ttl);
	ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
	ldns_rr_set_type(rr, type);
	for (i = 0; i < nrd; i++) {
		const struct ztok *a = &t[ti + 1 + i];
		ldns_rdf_type ft = ldns_rr_descriptor_field_type(d, i);
		ldns_rdf *rdf = NULL;
		const char *q;

		if (ft == LDNS_RDF_TYPE_DNAME) {
			if (origin == NULL && !zname_absolute(a->p, a->n))
				break;
			rdf = zparse_dname(&zp->scratch, a, origin, origin_rdf);
		} else if (ft == LDNS_RDF_TYPE_STR) {
			/* Only whole quoted strings or plain words. */
			q = memchr(a->p + 1, '"', a->n > 1 ? a->n - 1 : 0);
			if ((a->p[0] == '"') != (q != NULL && q == a->p + a->n - 1))
				break;
			if ((q = zparse_tok_str(&zp->tok, a)) != NULL)
				rdf = ldns_rdf_new_frm_str(ft, q);
		} else if (a->p[0] != '"' && (q = zparse_tok_str(&zp->tok, a)) != NULL) {
			rdf = ldns_rdf_new_frm_str(ft, q);
		}
		if (rdf == NULL || !ldns_rr_push_rdf(rr, rdf)) {
			ldns_rdf_deep_free(rdf);
			break;
		}
	}
	if (i < nrd) {
		ldns_rr_set_owner(rr, NULL);	/* the parser's */
		ldns_rr_free(rr);
		return NULL;
	}
	zp->kind = ZRR_BORROWED;
	return rr;
}

/*
 * The fast path (zparse_fast_head says which records): the direct record
 * when it is sure of every field, else ldns's converters.  NULL: ask
 * ldns_rr_new_frm_str.
 */
static ldns_rr *
zparse_fast(struct zparser *zp, const struct ztok *t, size_t n, size_t ti,
    uint32_t ttl, const char *origin, const ldns_rdf *origin_rdf)
{
	ldns_rr_type type;
	ldns_rr *rr;

	if (zparse_fast_head(t, n, ti, &ttl, &type, origin, origin_rdf) != 0)
		return NULL;
	if ((rr = zparse_direct(zp, t, n, ti, ttl, type, origin_rdf)) != NULL)
		return rr;
	return zparse_converted(zp, t, n, ti, ttl, type, origin, origin_rdf);
}

/*
 * The types whose data srvlint reads (checks.md, parse-error) -- full
 * parse and range checks -- and SOA, one a zone, whose owner is the apex.
 */
static int
zparse_inspected(uint16_t type)
{
	switch (type) {
	case LDNS_RR_TYPE_A: case LDNS_RR_TYPE_AAAA: case LDNS_RR_TYPE_SRV:
	case LDNS_RR_TYPE_TXT: case LDNS_RR_TYPE_PTR: case LDNS_RR_TYPE_URI:
	case LDNS_RR_TYPE_CNAME: case LDNS_RR_TYPE_NS: case LDNS_RR_TYPE_MX:
	case LDNS_RR_TYPE_TLSA: case LDNS_RR_TYPE_SVCB: case LDNS_RR_TYPE_HTTPS:
	case LDNS_RR_TYPE_SOA:
		return 1;
	default:
		return 0;
	}
}

/* Counts the hex digits of s (blanks between them allowed); -1: not hex. */
static long
zparse_hex_digits(const char *s)
{
	long n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ')
			continue;
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') ||
		    (*s >= 'A' && *s <= 'F')))
			return -1;
		n++;
	}
	return n;
}

/* RFC 3597 section 5: "\# LENGTH HEX", LENGTH bytes of hex. */
static int
zparse_generic_ok(struct zparser *zp, const struct ztok *t, size_t n, size_t ti)
{
	unsigned long len;
	long digits;

	if (ti + 2 >= n) {
		snprintf(zp->msg, sizeof zp->msg, "generic data \\# without a length");
		return -1;
	}
	if (ztok_decimal(&t[ti + 2], &len) != 1 || len > 65535) {
		snprintf(zp->msg, sizeof zp->msg, "generic data \\# %.*s: "
		    "the length is not a number 0-65535",
		    (int)(t[ti + 2].n > 40 ? 40 : t[ti + 2].n), t[ti + 2].p);
		return -1;
	}
	digits = zparse_hex_digits(t[ti + 2].p + t[ti + 2].n);
	if (digits < 0 || (unsigned long)digits != 2 * len) {
		snprintf(zp->msg, sizeof zp->msg, "generic data \\# %lu: %s", len,
		    digits < 0 ? "the data is not hex" : "the hex is not that many bytes");
		return -1;
	}
	return 0;
}

/*
 * A record of a type srvlint does not inspect, read by owner, TTL, class
 * and type: its data is not parsed (README, Choices), only RFC 3597
 * generic data is held to its length.  NULL with zp->msg set when the
 * record is bad, NULL with zp->msg empty when out of memory.
 */
static ldns_rr *
zparse_shallow(struct zparser *zp, const struct ztok *t, size_t n, size_t ti,
    uint32_t ttl, const char *origin, const ldns_rdf *origin_rdf, uint16_t type)
{
	ldns_rr_class cls = LDNS_RR_CLASS_IN;
	ldns_rr *rr;
	size_t i;

	zp->msg[0] = '\0';
	for (i = 1; i < ti; i++) {
		const char *w, *end;
		unsigned long v;

		/* Up to 9 digits: ldns_str2period's value, without the copy. */
		if (t[i].n <= 9 && t[i].p[0] >= '0' && t[i].p[0] <= '9' &&
		    ztok_decimal(&t[i], &v) == 1) {
			ttl = (uint32_t)v;
			continue;
		}
		if ((w = zparse_tok_str(&zp->tok, &t[i])) == NULL)
			return NULL;
		if (ztok_is_class(&t[i])) {
			if ((cls = ldns_get_rr_class_by_name(w)) == 0 && !ztok_is(&t[i], "CLASS0"))
				break;
			continue;
		}
		ttl = ldns_str2period(w, &end);
		if (*end != '\0' || end == w)
			break;
	}
	if (i < ti) {
		snprintf(zp->msg, sizeof zp->msg, "%.*s is no TTL or class",
		    (int)(t[i].n > 40 ? 40 : t[i].n), t[i].p);
		return NULL;
	}
	if (zparse_generic(t, n, ti) && zparse_generic_ok(zp, t, n, ti) != 0)
		return NULL;
	if (zdirect_owner(zp, &t[0], origin_rdf) == 0) {
		rr = zp->direct.rr;
		ldns_rr_set_rd_count(rr, 0);
		zp->kind = ZRR_DIRECT;
	} else if ((rr = zparse_bare(zp, &t[0], origin, origin_rdf)) != NULL) {
		zp->kind = ZRR_BORROWED;
	} else {
		if (zp->owner == NULL)
			snprintf(zp->msg, sizeof zp->msg, "the owner %.*s is no domain name",
			    (int)(t[0].n > 200 ? 200 : t[0].n), t[0].p);
		return NULL;
	}
	ldns_rr_set_ttl(rr, ttl);
	ldns_rr_set_class(rr, cls);
	ldns_rr_set_type(rr, (ldns_rr_type)type);
	return rr;
}

/* The owner and type of a record ldns refused, from its tokens. */
static void
zparse_error_names(struct zparser *zp, const struct ztok *owner,
    const struct ztok *type, const char *origin, struct zparse_error *err)
{
	if (owner != NULL && owner->n > 0 &&
	    zname_resolve(&zp->scratch, owner->p, owner->n, origin) == 0 &&
	    zname_absolute(zp->scratch.p, zp->scratch.len))
		err->owner = zp->scratch.p;	/* never a relative name */
	if (type != NULL && type->n < 16) {
		char name[16];
		const ldns_rr_descriptor *d;
		ldns_rr_type t;

		memcpy(name, type->p, type->n);
		name[type->n] = '\0';
		t = ldns_get_rr_type_by_name(name);
		d = t != 0 ? ldns_rr_descript(t) : NULL;
		err->type = d != NULL && d->_name != NULL ? d->_name : NULL;
		if (err->type == NULL) {
			struct rrtype g;
			const struct rrtype *rt = rrtype_by_name(type->p, type->n, &g);

			err->type = rt != NULL ? rt->name : NULL;
		}
	}
}

/*
 * RFC 1035 takes "class TTL" as well as "TTL class"; ldns only the latter.
 * Returns the text with them swapped (the tokens redone), or text.
 */
static const char *
zparse_swap(struct zparser *zp, const char *text, struct ztok *t, size_t *n,
    size_t ti)
{
	if (!(ti == 3 && ztok_is_class(&t[1]) && t[2].p[0] >= '0' && t[2].p[0] <= '9'))
		return text;
	zp->swap.len = 0;
	if (zstr_add(&zp->swap, t[0].p, t[0].n) != 0 ||
	    zstr_add(&zp->swap, " ", 1) != 0 ||
	    zstr_add(&zp->swap, t[2].p, t[2].n) != 0 ||
	    zstr_add(&zp->swap, " ", 1) != 0 ||
	    zstr_add(&zp->swap, t[1].p, t[1].n) != 0 ||
	    zstr_add(&zp->swap, t[2].p + t[2].n, strlen(t[2].p + t[2].n)) != 0)
		return text;
	*n = ztok_split(zp->swap.p, t, ZPARSE_TOKENS);
	return zp->swap.p;
}

/* A SvcParamKey of RFC 9460 and its successors, or keyNNNNN. */
static int
zparse_svcb_key(const char *p, size_t n)
{
	static const char *const keys[] = {
		"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech",
		"ipv6hint", "dohpath", "ohttp", "tls-supported-groups"
	};
	unsigned long v = 0;
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strlen(keys[i]) == n && strncasecmp(p, keys[i], n) == 0)
			return 1;
	if (n < 4 || n > 8 || strncasecmp(p, "key", 3) != 0)
		return 0;
	for (i = 3; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		v = v * 10 + (unsigned long)(p[i] - '0');
	}
	return v <= 65535;
}

/*
 * ldns 1.8 refuses some SvcParam values RFC 9460 appendix A allows (an
 * escaped comma after an escaped backslash, "alpn=a\\\\,"): when every
 * parameter is at least a known key with a value, the record is taken
 * with its priority and target, which is what srvlint checks.
 */
static int
zparse_svcb_params_ok(const struct ztok *t, size_t n, size_t ti)
{
	size_t i;

	if (n == ZPARSE_TOKENS || ti + 3 >= n)
		return 0;	/* every parameter seen, at least one */
	for (i = ti + 3; i < n; i++) {
		const char *eq = memchr(t[i].p, '=', t[i].n);

		if (!zparse_svcb_key(t[i].p, eq != NULL ? (size_t)(eq - t[i].p) : t[i].n))
			return 0;
	}
	return 1;
}

/* The SVCB or HTTPS record without its parameters, through ldns. */
static ldns_status
zparse_svcb_base(struct zparser *zp, const struct ztok *t, size_t ti,
    uint32_t ttl, const ldns_rdf *origin, ldns_rr **rr)
{
	const char *end = t[ti + 2].p + t[ti + 2].n;

	if (zstr_set(&zp->swap, t[0].p, (size_t)(end - t[0].p)) != 0)
		return LDNS_STATUS_MEM_ERR;
	return ldns_rr_new_frm_str(rr, zp->swap.p, ttl, origin, NULL);
}

/* A record refused with zp->msg (empty: out of memory). */
static const ldns_rr *
zparse_refuse(struct zparser *zp, const struct ztok *t, size_t n, size_t ti,
    const char *origin_text, struct zparse_error *err)
{
	err->message = zp->msg[0] != '\0' ? zp->msg : "out of memory";
	zparse_error_names(zp, n > 0 ? &t[0] : NULL, ti < n ? &t[ti] : NULL,
	    origin_text, err);
	return NULL;
}

/*
 * The longest label of a name token (n bytes), in wire bytes: an escape
 * \DDD or \X is one byte.  *empty is set when a label other than the
 * root's is empty ("a..b", ".a").
 */
static size_t
zparse_longest_label(const char *p, size_t n, const char **at, int *empty)
{
	size_t best = 0, len = 0;
	const char *start = p;

	*at = p;
	*empty = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '.') {
			if (len == 0 && n > 1)
				*empty = 1;
			len = 0;
			start = p + i + 1;
			continue;
		}
		if (p[i] == '\\' && i + 3 < n && p[i + 1] >= '0' && p[i + 1] <= '9')
			i += 3;
		else if (p[i] == '\\' && i + 1 < n)
			i++;
		if (++len > best) {
			best = len;
			*at = start;
		}
	}
	return best;
}

/*
 * ldns says only "Syntax error" when a label is over 63 bytes (RFC 1035
 * section 2.3.4) or empty: say which, for the owner and the name fields of
 * the type, in the words srvlint name uses too (ownermsg.h).  A DNS-SD
 * instance name is the usual culprit (issue 10 item 8).
 */
static int
zparse_bad_label(const struct ztok *t, size_t n, size_t ti, char *msg, size_t msgsize)
{
	const ldns_rr_descriptor *d = NULL;
	const char *at;
	size_t len;
	int empty;

	if (ti < n && t[ti].n < 16) {
		char name[16];
		memcpy(name, t[ti].p, t[ti].n);
		name[t[ti].n] = '\0';
		d = ldns_rr_descript(ldns_get_rr_type_by_name(name));
	}
	for (size_t i = 0; i < n; i++) {
		if (i != 0 && (d == NULL || i <= ti ||
		    (i - ti - 1 >= d->_maximum && d->_variable == LDNS_RDF_TYPE_NONE) ||
		    ldns_rr_descriptor_field_type(d, i - ti - 1) != LDNS_RDF_TYPE_DNAME))
			continue;
		if ((len = zparse_longest_label(t[i].p, t[i].n, &at, &empty)) > 63) {
			ownermsg_label_too_long(msg, msgsize, at, len);
			return 1;
		}
		if (empty) {
			ownermsg_label_empty(msg, msgsize);
			return 1;
		}
	}
	return 0;
}

/*
 * rrtype_by_name through a small cache of mnemonics by length and first
 * and last letters (a zone has a few types): the table's entry, or NULL.
 */
static const struct rrtype *
zparse_type(struct zparser *zp, const struct ztok *t, struct rrtype *generic)
{
	unsigned h = ((unsigned)t->n * 7u + ((unsigned char)t->p[0] | 0x20u) * 3u +
	    ((unsigned char)t->p[t->n - 1] | 0x20u)) % ZPARSE_TYPE_CACHE;
	const struct rrtype *rt = zp->types[h];

	if (rt != NULL && ztok_is_n(t, rt->name, strlen(rt->name)))
		return rt;
	rt = rrtype_by_name(t->p, t->n, generic);
	if (rt != NULL && rt != generic && rt->name != NULL)
		zp->types[h] = rt;	/* an entry of the table, not the scratch */
	return rt;
}

const ldns_rr *
zparse_record(struct zparser *zp, const char *text, const char *origin_text,
    uint32_t ttl, struct zparse_error *err)
{
	const ldns_rdf *origin;
	const struct rrtype *rt = NULL;
	struct rrtype generic;
	ldns_rr *rr = NULL;
	ldns_status st;
	struct ztok t[ZPARSE_TOKENS];
	/*
	 * The first tokens decide the type; a type read by owner and type needs
	 * no more (an RRSIG's base64 is most of a signed zone's bytes).
	 */
	size_t n = ztok_split(text, t, ZPARSE_HEAD), ti = ztok_type_index(t, n);

	zparse_release(zp);
	memset(err, 0, sizeof *err);
	origin = zparse_origin(zp, origin_text);
	text = zparse_swap(zp, text, t, &n, ti);
	if (ti < n && (rt = zparse_type(zp, &t[ti], &generic)) == NULL) {
		snprintf(zp->msg, sizeof zp->msg, "unknown RR type %.*s",
		    (int)(t[ti].n > 40 ? 40 : t[ti].n), t[ti].p);
		return zparse_refuse(zp, t, n, ti, origin_text, err);
	}
	if (rt != NULL && rt->kind == RRT_META) {
		snprintf(zp->msg, sizeof zp->msg, "%.*s is a meta-type (RFC 6895), "
		    "not data a zone holds", (int)(t[ti].n > 40 ? 40 : t[ti].n), t[ti].p);
		return zparse_refuse(zp, t, n, ti, origin_text, err);
	}
	if (n == ZPARSE_HEAD && (rt == NULL || zparse_inspected(rt->value)))
		n += ztok_split(t[n - 1].p + t[n - 1].n, t + n, ZPARSE_TOKENS - n);
	if (rt != NULL && !zparse_inspected(rt->value)) {
		rr = zparse_shallow(zp, t, n, ti, ttl, origin_text, origin, rt->value);
		if (rr == NULL)
			return zparse_refuse(zp, t, n, ti, origin_text, err);
		st = LDNS_STATUS_OK;
	} else {
		rr = zparse_fast(zp, t, n, ti, ttl, origin_text, origin);
		st = rr != NULL ? LDNS_STATUS_OK :
		    ldns_rr_new_frm_str(&rr, text, ttl, origin, NULL);
	}
	if (st != LDNS_STATUS_OK && rt != NULL && (rt->value == LDNS_RR_TYPE_SVCB ||
	    rt->value == LDNS_RR_TYPE_HTTPS) && zparse_svcb_params_ok(t, n, ti)) {
		ldns_rr_free(rr);
		rr = NULL;
		st = zparse_svcb_base(zp, t, ti, ttl, origin, &rr);
	}
	if (st != LDNS_STATUS_OK) {
		ldns_rr_free(rr);
		err->message = ldns_get_errorstr_by_id(st);
		if (zparse_bad_label(t, n, ti, zp->msg, sizeof zp->msg))
			err->message = zp->msg;
		zparse_error_names(zp, n > 0 ? &t[0] : NULL, ti < n ? &t[ti] : NULL,
		    origin_text, err);
		return NULL;
	}
	zp->rr = rr;
	if (zparse_validate(rr, t, n, ti, origin_text != NULL, zp->msg,
	    sizeof zp->msg) != 0) {
		const ldns_rr_descriptor *d = ldns_rr_descript(ldns_rr_get_type(rr));

		err->message = zp->msg;
		/* Without an origin ldns hung a relative owner off the root: not shown. */
		if (origin_text != NULL || (n > 0 && zname_absolute(t[0].p, t[0].n))) {
			zp->err_owner = ldns_rdf2str(ldns_rr_owner(rr));
			err->owner = zp->err_owner;
		}
		err->type = d != NULL ? d->_name : rt != NULL ? rt->name : NULL;
		return NULL;
	}
	return rr;
}
