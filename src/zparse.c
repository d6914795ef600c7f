/*
 * zparse.c -- one record text into an ldns_rr (zparse.h).  The common
 * types go field by field through ldns's own converters (zparse_fast),
 * everything else and every error through ldns_rr_new_frm_str, whose
 * verdict and message stand; then the checks ldns does not do.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zparse.h"
#include "zscan.h"

#define ZPARSE_TOKENS	24
#define ZONE_TTL_MAX	2147483647UL	/* RFC 2181 section 8 */

struct zparser {
	struct zstr origin_text;	/* the origin last turned into origin */
	ldns_rdf *origin;
	struct zstr scratch;
	struct zstr tok;		/* one token, NUL-terminated */
	struct zstr swap;		/* a record with "class TTL" swapped */
	struct zstr owner_text;		/* the owner last turned into owner */
	ldns_rdf *owner;
	ldns_rr *rr;			/* the last record returned */
	int fast;			/* it borrows owner */
	char *err_owner;		/* ldns_rdf2str of a bad record's owner */
	char msg[512];
};

/* The numeric fields ldns 1.8 wraps silently, by rdata field index. */
struct zrange {
	ldns_rr_type type;
	unsigned char field;
	unsigned long max;
	const char *what;
};

static const struct zrange zparse_ranges[] = {
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

struct zparser *
zparser_create(void)
{
	return calloc(1, sizeof(struct zparser));
}

/* Frees the record returned last. */
static void
zparse_release(struct zparser *zp)
{
	if (zp->rr != NULL && zp->fast)
		ldns_rr_set_owner(zp->rr, NULL);	/* the parser's */
	ldns_rr_free(zp->rr);
	zp->rr = NULL;
	zp->fast = 0;
	free(zp->err_owner);
	zp->err_owner = NULL;
}

void
zparser_destroy(struct zparser *zp)
{
	if (zp == NULL)
		return;
	zparse_release(zp);
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
	for (i = 0; i < sizeof zparse_ranges / sizeof zparse_ranges[0]; i++) {
		const struct zrange *z = &zparse_ranges[i];
		size_t k = ti + 1 + z->field;

		if (z->type != type || k >= n)
			continue;
		r = ztok_decimal(&t[k], &v);
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

/* A domain name token under origin (absolute text), or NULL. */
static ldns_rdf *
zparse_dname(struct zstr *buf, const struct ztok *t, const char *origin,
    const ldns_rdf *origin_rdf)
{
	if (t->n == 1 && t->p[0] == '@')
		return ldns_rdf_clone(origin_rdf);
	if (zname_resolve(buf, t->p, t->n, origin) != 0)
		return NULL;
	return ldns_dname_new_frm_str(buf->p);
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
zparse_fast(struct zparser *zp, const struct ztok *t, size_t n, size_t ti,
    uint32_t dttl, const char *origin, const ldns_rdf *origin_rdf)
{
	size_t nrd, i, min;
	ldns_rr_type type;
	const ldns_rr_descriptor *d;
	ldns_rr *rr;
	unsigned long v;
	uint32_t ttl = dttl;

	if (origin == NULL || origin_rdf == NULL || n < 3 || n == ZPARSE_TOKENS)
		return NULL;
	if (ti + 1 >= n)
		return NULL;
	/* TTL then class, as ldns_rr_new_frm_str takes them. */
	for (i = 1; i < ti; i++) {
		if (ztok_is(&t[i], "IN") && i + 1 == ti)
			continue;
		if (i != 1 || ztok_decimal(&t[i], &v) != 1 ||
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
	if (zparse_generic(t, n, ti))
		return NULL;	/* RFC 3597 generic data: ldns's own parser */
	d = ldns_rr_descript(type);

	/* Records of one owner come together: parse the owner once. */
	if (zname_resolve(&zp->scratch, t[0].p, t[0].n, origin) != 0)
		return NULL;
	if (zp->owner == NULL || strcmp(zp->owner_text.p, zp->scratch.p) != 0) {
		ldns_rdf_deep_free(zp->owner);
		zp->owner = NULL;
		if (t[0].n == 1 && t[0].p[0] == '@')
			zp->owner = ldns_rdf_clone(origin_rdf);
		else
			zp->owner = ldns_dname_new_frm_str(zp->scratch.p);
		if (zp->owner == NULL ||
		    zstr_set(&zp->owner_text, zp->scratch.p, zp->scratch.len) != 0)
			return NULL;
	}
	/* The owner stays the parser's (zparse_release). */
	if ((rr = ldns_rr_new()) == NULL)
		return NULL;
	ldns_rr_set_owner(rr, zp->owner);
	ldns_rr_set_ttl(rr, ttl);
	ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
	ldns_rr_set_type(rr, type);
	for (i = 0; i < nrd; i++) {
		const struct ztok *a = &t[ti + 1 + i];
		ldns_rdf_type ft = ldns_rr_descriptor_field_type(d, i);
		ldns_rdf *rdf = NULL;
		const char *q;

		if (ft == LDNS_RDF_TYPE_DNAME) {
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

/*
 * The longest label of a name token (n bytes), in wire bytes: an escape
 * \DDD or \X is one byte.
 */
static size_t
zparse_longest_label(const char *p, size_t n, const char **at)
{
	size_t best = 0, len = 0;
	const char *start = p;

	*at = p;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '.') {
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
 * section 2.3.4): say which, for the owner and the name fields of the type.
 * A DNS-SD instance name is the usual culprit (issue 10 item 8).
 */
static int
zparse_label_too_long(const struct ztok *t, size_t n, size_t ti, char *msg, size_t msgsize)
{
	const ldns_rr_descriptor *d = NULL;
	const char *at;
	size_t len;

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
		if ((len = zparse_longest_label(t[i].p, t[i].n, &at)) > 63) {
			snprintf(msg, msgsize, "the label \"%.20s...\" is %zu bytes long; a "
			    "DNS label has at most 63 (RFC 1035 section 2.3.4): shorten "
			    "it (a DNS-SD instance name too)", at, len);
			return 1;
		}
	}
	return 0;
}

const ldns_rr *
zparse_record(struct zparser *zp, const char *text, const char *origin_text,
    uint32_t ttl, struct zparse_error *err)
{
	const ldns_rdf *origin;
	ldns_rr *rr = NULL;
	ldns_status st;
	struct ztok t[ZPARSE_TOKENS];
	size_t n = ztok_split(text, t, ZPARSE_TOKENS), ti = ztok_type_index(t, n);

	zparse_release(zp);
	memset(err, 0, sizeof *err);
	origin = zparse_origin(zp, origin_text);
	text = zparse_swap(zp, text, t, &n, ti);
	rr = zparse_fast(zp, t, n, ti, ttl, origin_text, origin);
	zp->fast = rr != NULL;
	st = zp->fast ? LDNS_STATUS_OK :
	    ldns_rr_new_frm_str(&rr, text, ttl, origin, NULL);
	if (st != LDNS_STATUS_OK) {
		ldns_rr_free(rr);
		err->message = ldns_get_errorstr_by_id(st);
		if (zparse_label_too_long(t, n, ti, zp->msg, sizeof zp->msg))
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
		err->type = d != NULL ? d->_name : NULL;
		return NULL;
	}
	return rr;
}
