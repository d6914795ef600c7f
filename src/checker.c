/*
 * checker.c -- the per-record checks of checks.md: service and protocol
 * labels of SRV/URI owners, DNS-SD names (browse, instance, subtype,
 * enumeration, browse domains), SRV data, TXT keys, port labels, host
 * names and attribute leaves.  Facts for the cross-record checks go to
 * xref.c.
 *
 * This is the hot path of `srvlint check`: a record is judged on its wire
 * owner name, label by label, without allocating; presentation strings are
 * made only when a finding is emitted.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrleaf.h"
#include "checker_impl.h"
#include "dname.h"
#include "inventory.h"
#include "kb.h"
#include "namecheck.h"
#include "ownermsg.h"
#include "registry.h"

/* One record being checked. */
struct rec {
	struct checker *ch;
	const ldns_rr *rr;
	const struct rr_pos *pos;
	ldns_rr_type type;
	const char *tname;	/* RR type mnemonic */
	char tbuf[16];
	struct dname o;		/* the owner */
	char *owner_str;	/* presentation owner, made on the first finding */
	struct sink proxy;	/* fills in where, drops disabled checks */
	int judged;		/* labels 0..judged were judged as service,
				 * protocol or DNS-SD labels: attrleaf checks
				 * do not report them again */
	uint64_t nkey;		/* the name a finding about labels is about (namedup.h) */
};

/* --- reporting -------------------------------------------------------------- */

static char *rdf_str(const ldns_rdf *rdf);

/*
 * The findings about an owner's labels: reported once per owner name, not
 * once per record (checks.md "Scope notes"), by namedup.h's filter on the
 * ordered stream of findings.
 */
static int
about_name(enum check_id id)
{
	switch (id) {
	case CHECK_NAME_EMPTY: case CHECK_NAME_TOO_LONG: case CHECK_NAME_BAD_CHAR:
	case CHECK_NAME_NO_LETTER: case CHECK_NAME_HYPHEN_EDGE:
	case CHECK_NAME_DOUBLE_HYPHEN: case CHECK_NAME_LEGACY: case CHECK_NAME_ALIAS:
	case CHECK_NAME_UNREGISTERED: case CHECK_NAME_RESERVED:
	case CHECK_NAME_EXPERIMENTAL: case CHECK_LABEL_NO_UNDERSCORE:
	case CHECK_PROTO_MISSING: case CHECK_PROTO_UNKNOWN: case CHECK_PROTO_DNSSD:
	case CHECK_TRANSPORT_MISMATCH: case CHECK_ATTRLEAF_UNREGISTERED:
		return 1;
	default:
		return 0;
	}
}

static void
rec_emit(void *ud, const struct finding *f)
{
	struct rec *r = ud;
	struct finding g;

	if (CHECK_SET_HAS(r->pos->disabled, f->check))
		return;
	if (r->owner_str == NULL)
		r->owner_str = rdf_str(ldns_rr_owner(r->rr));
	g = *f;
	g.owner = r->owner_str;
	g.type = r->tname;
	g.file = r->pos->file;
	g.line = r->pos->line;
	g.domain = r->pos->domain;
	if (about_name(f->check))
		g.name_key = r->nkey != 0 ? r->nkey : 1;
	sink_emit(r->ch->sink, &g);
}

/*
 * Reports check id about the record.  sev SEV_OFF keeps the default.  kb,
 * when set, is the de-facto name the finding is about: the knowledge base
 * adds its source and, in check/probe mode, lowers it to note.
 */
static void
rec_report(struct rec *r, enum check_id id, enum severity sev,
    const struct kb_entry *kb, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
rec_report(struct rec *r, enum check_id id, enum severity sev,
    const struct kb_entry *kb, const char *fmt, ...)
{
	char msg[1024], adj[1280];
	struct finding f;
	va_list ap;

	if (CHECK_SET_HAS(r->pos->disabled, id))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	finding_init(&f, id);
	if (sev != SEV_OFF)
		f.severity = sev;
	f.message = msg;
	if (kb != NULL)
		namecheck_defacto_adjust(r->ch->ctx, kb, &f, adj, sizeof(adj));
	rec_emit(r, &f);
}

/* A label's bytes in presentation form (the escapes ldns uses), for messages. */
struct lbuf {
	char s[64 * 4 + 1];
};

static const char *
lstr(struct lbuf *b, const uint8_t *p, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n && i < 63; i++) {
		uint8_t c = p[i];
		if (c == '.' || c == '\\' || c == '"' || c == ';' || c == '(' || c == ')')
			o += (size_t)snprintf(b->s + o, sizeof(b->s) - o, "\\%c", c);
		else if (c > 0x20 && c < 0x7f)
			b->s[o++] = (char)c;
		else
			o += (size_t)snprintf(b->s + o, sizeof(b->s) - o, "\\%03u", c);
	}
	b->s[o] = '\0';
	return b->s;
}

/* Presentation form of an rdf (malloc'd); never NULL. */
static char *
rdf_str(const ldns_rdf *rdf)
{
	char *s = NULL;

	if (rdf != NULL && ldns_rdf_get_type(rdf) == LDNS_RDF_TYPE_DNAME)
		s = dname_str(ldns_rdf_data(rdf), ldns_rdf_size(rdf));
	if (s == NULL && rdf != NULL)
		s = ldns_rdf2str(rdf);
	return s != NULL ? s : strdup("?");
}

/* --- label helpers ---------------------------------------------------------- */

static int
lab_us(const struct dname *d, int i)
{
	return i < d->n && d->w[d->off[i]] > 0 && d->w[d->off[i] + 1] == '_';
}

/* Label i equals s, n bytes (ASCII case ignored). */
static inline int
lab_eq_n(const struct dname *d, int i, const char *s, size_t n)
{
	size_t len;
	const uint8_t *p;

	if (i >= d->n)
		return 0;
	p = dname_label(d, i, &len);
	return len == n && xref_ci_equal(p, (const uint8_t *)s, n);
}

/* Label i equals s (the compiler counts a literal's length). */
#define lab_eq(d, i, s) lab_eq_n((d), (i), (s), strlen(s))

/* Label i equals label j of e (ASCII case ignored). */
static int
lab_same(const struct dname *d, int i, const struct dname *e, int j)
{
	size_t a, b;
	const uint8_t *p, *q;

	if (i >= d->n || j >= e->n)
		return 0;
	p = dname_label(d, i, &a);
	q = dname_label(e, j, &b);
	return a == b && xref_ci_equal(p, q, a);
}

/* The names are equal from label i of d and label j of e on. */
static int
suffix_same(const struct dname *d, int i, const struct dname *e, int j)
{
	size_t a, b;
	const uint8_t *p = dname_suffix(d, i, &a), *q = dname_suffix(e, j, &b);

	return a == b && xref_ci_equal(p, q, a);
}

/* The TP_* bit of an underscore label ("_tcp"), or 0. */
static unsigned
lab_transport(const struct dname *d, int i)
{
	size_t len;
	const uint8_t *p;

	if (!lab_us(d, i))
		return 0;
	p = dname_label(d, i, &len);
	return transport_parse((const char *)p + 1, len - 1);
}

/* Label i is a transport word written without its underscore ("tcp"). */
static int
lab_bare_transport(const struct dname *d, int i)
{
	size_t len;
	const uint8_t *p;

	if (i >= d->n || lab_us(d, i))
		return 0;
	p = dname_label(d, i, &len);
	return transport_parse((const char *)p, len) != 0 ||
	    (len == 3 && xref_ci_equal(p, (const uint8_t *)"tls", 3));
}

/* The knowledge-base entry for service label si with protocol label pi. */
static const struct kb_entry *
rec_defacto(const struct rec *r, int si, int pi)
{
	size_t sl, pl = 0;
	const uint8_t *s = dname_label(&r->o, si, &sl);
	const uint8_t *p = NULL;

	if (pi >= 0 && lab_us(&r->o, pi))
		p = dname_label(&r->o, pi, &pl);
	return namecheck_defacto((const char *)s + 1, sl - 1,
	    p != NULL ? (const char *)p + 1 : NULL, p != NULL ? pl - 1 : 0);
}

/* The first underscore label of the owner that the knowledge base knows as a parent (_msdcs). */
static const struct kb_entry *
rec_defacto_parent(const struct rec *r)
{
	for (int i = 0; i < r->o.n; i++) {
		size_t len;
		const uint8_t *p;
		const struct kb_entry *e;
		if (!lab_us(&r->o, i))
			continue;
		p = dname_label(&r->o, i, &len);
		if ((e = kb_lookup_parent((const char *)p + 1, len - 1)) != NULL)
			return e;
	}
	return NULL;
}

/*
 * What namecheck_service said of one (service, protocol) pair, kept per
 * checker: a zone names the same few service types over and over, and the
 * answer depends only on the label's bytes and the checker's ctx.  A memo
 * entry replays the findings it recorded (check, severity, message,
 * primary; the rest of each finding is the template's), so the registry,
 * the knowledge base and the messages are looked up and formatted once per
 * distinct pair.  Direct-mapped; a pair whose findings do not fit is not
 * kept.
 */
#define MEMO_SLOTS 64
#define MEMO_TEXT 960
#define MEMO_FINDS 6

struct memo_ent {
	uint64_t h;			/* 0: empty */
	uint8_t slen, plen, has_p, nf;
	char s[63], p[63];
	struct {
		enum check_id check;
		enum severity severity;
		uint16_t msg, prim;	/* offsets in text; prim 0xffff: NULL */
	} f[MEMO_FINDS];
	char text[MEMO_TEXT];
};

/* registry_lookup's answers by the label's exact bytes, for the TXT key checks. */
#define MEMO_REG 16

struct namememo {
	struct memo_ent e[MEMO_SLOTS];
	struct {
		uint8_t used, len;
		char s[63];
		const struct reg_service *svc;
	} reg[MEMO_REG];
};

/* The checker's memo, made on first use; NULL when out of memory. */
static struct namememo *
memo_get(struct checker *ch)
{
	if (ch->memo == NULL)
		ch->memo = calloc(1, sizeof(*ch->memo));
	return ch->memo;
}

void
checker_memo_free(struct namememo *m)
{
	free(m);
}

/* While namecheck_service runs: what it emits, recorded, then passed on. */
struct memo_rec {
	struct rec *r;
	struct memo_ent *e;	/* NULL: not kept */
	const struct finding *tmpl;
	size_t used;
};

static int
memo_text(struct memo_rec *m, const char *s, uint16_t *off)
{
	size_t n = strlen(s) + 1;

	if (m->used + n > MEMO_TEXT)
		return -1;
	memcpy(m->e->text + m->used, s, n);
	*off = (uint16_t)m->used;
	m->used += n;
	return 0;
}

static void
memo_sink(void *ud, const struct finding *f)
{
	struct memo_rec *m = ud;
	const struct finding *t = m->tmpl;

	if (m->e != NULL) {
		struct memo_ent *e = m->e;
		/* Only what the template does not give may differ. */
		if (e->nf == MEMO_FINDS || f->owner != t->owner || f->type != t->type ||
		    f->file != t->file || f->line != t->line || f->domain != t->domain ||
		    f->name_key != t->name_key || f->fingerprint != t->fingerprint ||
		    f->message == NULL ||
		    memo_text(m, f->message, &e->f[e->nf].msg) != 0 ||
		    (f->primary != NULL && memo_text(m, f->primary, &e->f[e->nf].prim) != 0))
			m->e = NULL;
		else {
			if (f->primary == NULL)
				e->f[e->nf].prim = 0xffff;
			e->f[e->nf].check = f->check;
			e->f[e->nf].severity = f->severity;
			e->nf++;
		}
	}
	rec_emit(m->r, f);
}

static uint64_t
memo_hash(const uint8_t *s, size_t sl, const uint8_t *p, size_t pl, int has_p)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ (sl << 8 | pl << 1 | (unsigned)has_p);

	for (size_t i = 0; i < sl; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	for (size_t i = 0; i < pl; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	h ^= h >> 29;
	return h | 1;
}

/* Runs namecheck_service on service label si, with protocol label pi (-1: none). */
static void
rec_namecheck(struct rec *r, int si, int pi)
{
	struct finding tmpl;
	size_t sl, pl = 0;
	const uint8_t *s = dname_label(&r->o, si, &sl);
	const uint8_t *p = NULL;
	struct namememo *mm;
	struct memo_ent *e = NULL;
	struct memo_rec rec;
	struct sink rs;
	uint64_t h = 0;

	if (pi >= 0 && pi < r->o.n) {
		p = dname_label(&r->o, pi, &pl);
		if (pl > 0 && p[0] == '_')
			p++, pl--;
	}
	/* owner, type, file and line are filled in by rec_emit. */
	finding_init(&tmpl, CHECK_NAME_EMPTY);
	s++, sl--;
	if ((mm = memo_get(r->ch)) != NULL) {
		h = memo_hash(s, sl, p, pl, p != NULL);
		e = &mm->e[h % MEMO_SLOTS];
		if (e->h == h && e->slen == sl && e->plen == pl && e->has_p == (p != NULL) &&
		    memcmp(e->s, s, sl) == 0 && (pl == 0 || memcmp(e->p, p, pl) == 0)) {
			for (unsigned i = 0; i < e->nf; i++) {
				struct finding f = tmpl;
				f.check = e->f[i].check;
				f.severity = e->f[i].severity;
				f.message = e->text + e->f[i].msg;
				f.primary = e->f[i].prim == 0xffff ? NULL : e->text + e->f[i].prim;
				rec_emit(r, &f);
			}
			return;
		}
		e->h = 0;
		e->nf = 0;
	}
	rec.r = r;
	rec.e = e;
	rec.tmpl = &tmpl;
	rec.used = 0;
	rs.emit = memo_sink;
	rs.ud = &rec;
	(void)namecheck_service(r->ch->ctx, (const char *)s, sl,
	    (const char *)p, pl, &tmpl, &rs);
	if (rec.e != NULL) {
		e->h = h;
		e->slen = (uint8_t)sl;
		e->plen = (uint8_t)pl;
		e->has_p = p != NULL;
		memcpy(e->s, s, sl);
		if (pl > 0)
			memcpy(e->p, p, pl);
	}
}

/* proto-unknown on protocol label pi beside service label si (namecheck.c). */
static void
rec_protocol(struct rec *r, int si, int pi)
{
	struct finding tmpl;
	size_t sl, pl;
	const uint8_t *s = dname_label(&r->o, si, &sl), *p = dname_label(&r->o, pi, &pl);

	finding_init(&tmpl, CHECK_PROTO_UNKNOWN);
	(void)namecheck_protocol(r->ch->ctx, (const char *)s + 1, sl - 1,
	    (const char *)p + 1, pl - 1, &tmpl, &r->proxy);
}

/* --- DNS-SD ------------------------------------------------------------------- */

/*
 * RFC 6763 section 4.1.1: an instance label is UTF-8 without ASCII control
 * characters.  Returns NULL, or what is wrong, with *at the byte offset.
 */
static const char *
instance_label_problem(const uint8_t *p, size_t n, size_t *at)
{
	size_t i = 0;

	while (i < n) {
		uint8_t c = p[i];
		size_t k;
		uint32_t cp;

		*at = i;
		if (c < 0x20 || c == 0x7f)
			return "an ASCII control character";
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			k = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			k = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			k = 3, cp = c & 0x07;
		else
			return "a byte that is not UTF-8";
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || (p[i + j] & 0xc0) != 0x80)
				return "a byte that is not UTF-8";
			cp = cp << 6 | (p[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return "a byte that is not UTF-8 (an overlong form or a surrogate)";
		i += k + 1;
	}
	return NULL;
}

static void
check_instance_label(struct rec *r, const uint8_t *p, size_t n)
{
	struct lbuf b;
	size_t at;
	const char *why = instance_label_problem(p, n, &at);

	if (why != NULL)
		rec_report(r, CHECK_DNSSD_INSTANCE_NAME, SEV_OFF, NULL,
		    "the instance name \"%s\" holds %s at byte %zu (RFC 6763 section "
		    "4.1.1): use UTF-8 text without control characters",
		    lstr(&b, p, n), why, at + 1);
}

/*
 * A DNS-SD service type at labels si (_svc) and pi (_proto): proto-dnssd,
 * then the name checks.  When proto-dnssd reports the protocol label,
 * transport-mismatch would say the same: the name checks run without it.
 */
static void
check_dnssd_type(struct rec *r, int si, int pi)
{
	unsigned tp = lab_transport(&r->o, pi);
	struct lbuf b;
	size_t pl;
	const uint8_t *p = dname_suffix(&r->o, si, &pl);
	uint64_t okey = r->nkey;

	/* An instance's or subtype's findings on its type are the type's. */
	r->nkey = xref_hash(p, pl);

	if (tp != TP_TCP && tp != TP_UDP) {
		p = dname_label(&r->o, pi, &pl);
		rec_report(r, CHECK_PROTO_DNSSD, SEV_OFF, rec_defacto(r, si, pi),
		    "DNS-SD service types use _tcp or _udp only, not \"%s\" "
		    "(RFC 6763 section 7): use _tcp for TCP and _udp for every "
		    "other transport", lstr(&b, p, pl));
		rec_namecheck(r, si, -1);
	} else {
		rec_namecheck(r, si, pi);
	}
	r->nkey = okey;
}

/* The record's target name (rdf i, a dname); 0, or -1 when there is none. */
static int
rec_target(const struct rec *r, size_t i, struct dname *t)
{
	const ldns_rdf *rdf = ldns_rr_rdf(r->rr, i);

	if (rdf == NULL || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME)
		return -1;
	return xref_dname_parse(t, ldns_rdf_data(rdf), ldns_rdf_size(rdf));
}

/* A PTR at _svc._proto.D: a browse record (RFC 6763 section 4). */
static void
check_browse_ptr(struct rec *r)
{
	struct dname t;
	char *ts;
	size_t sl, pl;
	const uint8_t *s = dname_label(&r->o, 0, &sl), *p = dname_label(&r->o, 1, &pl);
	struct lbuf b1, b2;

	r->judged = 1;
	check_dnssd_type(r, 0, 1);
	if (rec_target(r, 0, &t) != 0)
		return;
	if (t.n < 3 || !lab_same(&t, 1, &r->o, 0) || !lab_same(&t, 2, &r->o, 1)) {
		ts = rdf_str(ldns_rr_rdf(r->rr, 0));
		rec_report(r, CHECK_DNSSD_PTR_MISMATCH, SEV_OFF, NULL,
		    "the browse PTR points at %s, which is not an instance of "
		    "%s.%s: point it at <Instance>.%s.%s",
		    ts, lstr(&b1, s, sl), lstr(&b2, p, pl), b1.s, b2.s);
		free(ts);
		return;
	}
	if (!suffix_same(&t, 3, &r->o, 2)) {
		ts = rdf_str(ldns_rr_rdf(r->rr, 0));
		rec_report(r, CHECK_DNSSD_PTR_MISMATCH, SEV_NOTE, NULL,
		    "the browse PTR points at %s, an instance in another domain: "
		    "RFC 6763 section 4.2 allows it, but few clients expect it; "
		    "keep instances under the browsed domain unless that is meant", ts);
		free(ts);
	}
	if (xref_inside(r->ch, &t))
		xref_add(r->ch, REF_BROWSE, xref_hash(t.w, t.len), r->pos, r->pos->line,
		    r->o.w, r->o.len, t.w, t.len, 0);
	else {
		const uint8_t *ip = dname_label(&t, 0, &sl);
		check_instance_label(r, ip, sl);
	}
}

/* A PTR at <sub>._sub._svc._proto.D (RFC 6763 section 7.1). */
static void
check_subtype_ptr(struct rec *r)
{
	struct dname t;
	char *ts;
	size_t sl, pl;
	const uint8_t *s = dname_label(&r->o, 2, &sl), *p = dname_label(&r->o, 3, &pl);
	struct lbuf b1, b2;

	r->judged = 3;
	check_dnssd_type(r, 2, 3);
	if (rec_target(r, 0, &t) != 0)
		return;
	if (t.n < 3 || !lab_same(&t, 1, &r->o, 2) || !lab_same(&t, 2, &r->o, 3)) {
		ts = rdf_str(ldns_rr_rdf(r->rr, 0));
		rec_report(r, CHECK_DNSSD_SUBTYPE, SEV_OFF, NULL,
		    "the subtype PTR points at %s, which is not an instance of the "
		    "parent type %s.%s: point it at <Instance>.%s.%s",
		    ts, lstr(&b1, s, sl), lstr(&b2, p, pl), b1.s, b2.s);
		free(ts);
		return;
	}
	if (xref_inside(r->ch, &t))
		xref_add(r->ch, REF_BROWSE, xref_hash(t.w, t.len), r->pos, r->pos->line,
		    r->o.w, r->o.len, t.w, t.len, 0);
}

/* A PTR at _services._dns-sd._udp.D (RFC 6763 section 9). */
static void
check_enum_ptr(struct rec *r)
{
	struct dname t;
	char *ts;

	if (rec_target(r, 0, &t) != 0)
		return;
	if (t.n < 2 || !lab_us(&t, 0) || !lab_us(&t, 1) || lab_eq(&t, 0, "_sub") ||
	    lab_eq(&t, 1, "_sub")) {
		ts = rdf_str(ldns_rr_rdf(r->rr, 0));
		rec_report(r, CHECK_DNSSD_ENUM_TARGET, SEV_OFF, NULL,
		    "the service enumeration PTR points at %s, which is not a "
		    "service type: list types such as _ipp._tcp.<domain>, not "
		    "instances or hosts", ts);
		free(ts);
	} else if (!suffix_same(&t, 2, &r->o, 3)) {
		ts = rdf_str(ldns_rr_rdf(r->rr, 0));
		rec_report(r, CHECK_DNSSD_ENUM_TARGET, SEV_NOTE, NULL,
		    "the service enumeration PTR points at %s, a service type in "
		    "another domain: list the types browsed in this domain", ts);
		free(ts);
	}
}

/* Names under _dns-sd._udp.D: the browse domains and the enumeration. */
static int
check_dnssd_infra(struct rec *r)
{
	static const char *const ok[] = { "b", "db", "r", "dr", "lb", "_services" };
	struct lbuf b;
	size_t len;
	const uint8_t *p;

	if (r->o.n >= 2 && lab_eq(&r->o, 0, "_dns-sd") && lab_eq(&r->o, 1, "_udp")) {
		r->judged = 1;
		return 1;
	}
	if (r->o.n < 3 || !lab_eq(&r->o, 1, "_dns-sd") || !lab_eq(&r->o, 2, "_udp"))
		return 0;
	r->judged = 2;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (lab_eq(&r->o, 0, ok[i])) {
			if (i == 5 && r->type == LDNS_RR_TYPE_PTR)
				check_enum_ptr(r);
			return 1;
		}
	p = dname_label(&r->o, 0, &len);
	rec_report(r, CHECK_DNSSD_BROWSE_LABEL, SEV_OFF, NULL,
	    "\"%s\" is not a name clients look up under _dns-sd._udp: use b, db, "
	    "r, dr, lb (RFC 6763 section 11) or _services (section 9)",
	    lstr(&b, p, len));
	return 1;
}

/*
 * A PTR at b._dnssd._udp, lb._dns-sd._tcp, db.dns-sd._udp or b._udp: a
 * browse-domain name (RFC 6763 section 11) written wrong.  Says so, rather
 * than that _udp is registered for other RR types.
 */
static int
report_bad_browse(struct rec *r)
{
	static const char *const browse[] = { "b", "db", "r", "dr", "lb", "_services" };
	struct lbuf b1, b2;
	size_t l0, l1 = 0;
	const uint8_t *p0, *p1 = NULL;
	int t = 0, known = 0;

	/* _ipp._tcp.b._dns-sd._udp.D: a service type under the browse-domain name. */
	for (int k = 2; k + 1 < r->o.n; k++)
		if (lab_eq(&r->o, k, "_dns-sd") && lab_eq(&r->o, k + 1, "_udp")) {
			r->judged = k + 1;
			p0 = dname_label(&r->o, k - 1, &l0);
			rec_report(r, CHECK_DNSSD_BROWSE_LABEL, SEV_OFF, NULL,
			    "a PTR below the browse-domain name %s._dns-sd._udp: that "
			    "name holds only PTR records to the domains to browse "
			    "(RFC 6763 section 11); publish service types in those domains",
			    lstr(&b1, p0, l0));
			return 1;
		}
	for (size_t i = 0; i < sizeof(browse) / sizeof(browse[0]); i++)
		known |= lab_eq(&r->o, 0, browse[i]);
	if (!known)
		return 0;
	if (r->o.n >= 2 && lab_transport(&r->o, 1) != 0)
		t = 1;
	else if (r->o.n >= 3 && lab_transport(&r->o, 2) != 0)
		t = 2;
	if (t == 0)
		return 0;
	r->judged = t;
	p0 = dname_label(&r->o, 0, &l0);
	if (t == 2)
		p1 = dname_label(&r->o, 1, &l1);
	rec_report(r, CHECK_DNSSD_BROWSE_LABEL, SEV_OFF, NULL,
	    "%s.%s%s%s is a malformed browse-domain name: clients query "
	    "%s._dns-sd._udp.<domain> (RFC 6763 section 11)", lstr(&b1, p0, l0),
	    t == 2 ? lstr(&b2, p1, l1) : "", t == 2 ? "." : "",
	    lab_eq(&r->o, t, "_tcp") ? "_tcp" : "_udp", b1.s);
	return 1;
}

static void
check_ptr(struct rec *r)
{
	int sub = -1;

	if (report_bad_browse(r))
		return;

	for (int i = 0; i < r->o.n && sub < 0; i++)
		if (lab_eq(&r->o, i, "_sub"))
			sub = i;
	/* "_sub._tcp" is a service called sub, not a subtype. */
	if (sub == 0 && lab_transport(&r->o, 1) != 0)
		sub = -1;
	if (sub >= 0) {
		if (sub == 1 && r->o.n >= 4 && lab_us(&r->o, 2) && lab_us(&r->o, 3)) {
			check_subtype_ptr(r);
			return;
		}
		r->judged = r->o.n - 1;
		if (sub == 0 && r->o.n >= 3 && lab_us(&r->o, 1) && lab_us(&r->o, 2)) {
			struct lbuf b1, b2;
			size_t sl, pl;
			const uint8_t *s = dname_label(&r->o, 1, &sl);
			const uint8_t *p = dname_label(&r->o, 2, &pl);
			char msg[512];
			ownermsg_sub_missing(msg, sizeof(msg), lstr(&b1, s, sl),
			    lstr(&b2, p, pl));
			rec_report(r, CHECK_DNSSD_SUBTYPE, SEV_OFF, NULL, "%s", msg);
			return;
		}
		rec_report(r, CHECK_DNSSD_SUBTYPE, SEV_OFF, NULL,
		    "the _sub label stands at the wrong place: a subtype is "
		    "<sub>._sub._svc._proto.<domain> (RFC 6763 section 7.1)");
		return;
	}
	if (r->o.n >= 2 && lab_us(&r->o, 0) && lab_us(&r->o, 1))
		check_browse_ptr(r);
}

/*
 * Owner shaped <Instance>._svc._proto.D.  The instance label is any UTF-8
 * (RFC 6763 section 4.1.1), a leading "_" included: X._svc._tcp is an
 * instance whatever X is, when its third label is _tcp or _udp.
 */
static int
is_instance(const struct dname *d)
{
	unsigned tp;

	if (d->n < 3 || !lab_us(d, 1) || lab_eq(d, 1, "_sub") || !lab_us(d, 2))
		return 0;
	if (!lab_us(d, 0))
		return 1;
	tp = lab_transport(d, 2);
	return (tp == TP_TCP || tp == TP_UDP) && !lab_eq(d, 1, "_dns-sd");
}

/* --- SRV and URI owners ------------------------------------------------------- */

/* SRV, TXT or URI at <x>._sub._svc._proto: instance data under a subtype name. */
static int
report_under_sub(struct rec *r)
{
	if (r->o.n < 3 || !lab_eq(&r->o, 1, "_sub"))
		return 0;
	r->judged = r->o.n - 1;
	rec_report(r, CHECK_DNSSD_SUBTYPE, SEV_OFF, NULL,
	    "records of an instance do not belong under _sub: a subtype name "
	    "holds only PTR records to <Instance>._svc._proto (RFC 6763 section "
	    "7.1); put the %s record at the instance name", r->tname);
	return 1;
}

static void
check_service_owner(struct rec *r)
{
	const struct dname *o = &r->o;
	int srv = r->type == LDNS_RR_TYPE_SRV;
	struct lbuf b1, b2;
	size_t l0 = 0, l1;
	const uint8_t *p0 = NULL, *p1;

	if (o->n == 0)
		goto no_underscore;
	p0 = dname_label(o, 0, &l0);
	if (report_under_sub(r))
		return;
	if (is_instance(o)) {
		/* A DNS-SD instance's SRV: the type's checks, then its name. */
		r->judged = 2;
		check_dnssd_type(r, 1, 2);
		if (srv)
			check_instance_label(r, p0, l0);
		return;
	}
	if (lab_us(o, 0) && lab_us(o, 1)) {
		r->judged = 1;
		rec_protocol(r, 0, 1);
		rec_namecheck(r, 0, 1);
		return;
	}
	if (lab_us(o, 0)) {
		const char *types;
		r->judged = 0;
		if (lab_bare_transport(o, 1)) {
			r->judged = 1;
			p1 = dname_label(o, 1, &l1);
			rec_report(r, CHECK_LABEL_NO_UNDERSCORE, SEV_OFF, rec_defacto(r, 0, -1),
			    "the protocol label \"%s\" lacks its underscore: clients "
			    "query %s._%s", lstr(&b1, p1, l1), lstr(&b2, p0, l0), b1.s);
			rec_namecheck(r, 0, -1);
			return;
		}
		/* An attribute leaf with the wrong type (SRV at _dmarc): one finding. */
		types = attrleaf_types((const char *)p0, l0);
		if (types != NULL && !attrleaf_type_listed(types, r->tname)) {
			r->judged = -1;
			return;
		}
		if (srv && lab_transport(o, 0) != 0) {
			char msg[512];
			ownermsg_proto_alone(msg, sizeof(msg), lstr(&b1, p0, l0));
			rec_report(r, CHECK_PROTO_MISSING, SEV_OFF, NULL, "%s", msg);
		} else if (srv) {
			rec_report(r, CHECK_PROTO_MISSING, SEV_OFF, rec_defacto(r, 0, -1),
			    "the SRV owner has the service label %s but no protocol "
			    "label: write %s._tcp or %s._udp before the domain",
			    lstr(&b1, p0, l0), b1.s, b1.s);
			rec_namecheck(r, 0, -1);
		}
		return;
	}
no_underscore:
	/* http._tcp: the service position lacks its underscore. */
	r->judged = o->n - 1;
	if (o->n >= 1 && l0 == 1 && p0[0] == '*')
		return;		/* a wildcard owner */
	if (o->n >= 2 && lab_transport(o, 1) != 0) {
		p1 = dname_label(o, 1, &l1);
		rec_report(r, CHECK_LABEL_NO_UNDERSCORE, SEV_OFF, NULL,
		    "the service label \"%s\" lacks its underscore: clients query "
		    "_%s.%s", lstr(&b1, p0, l0), b1.s, lstr(&b2, p1, l1));
	} else {
		rec_report(r, CHECK_LABEL_NO_UNDERSCORE, SEV_OFF, NULL,
		    "the %s owner has no _service._proto labels: clients query "
		    "names such as _http._tcp.<domain>", r->tname);
	}
}

/* --- SRV data ------------------------------------------------------------------- */

/* What a byte is in a host name: HB_* bits; 0: any other byte. */
enum { HB_OK = 1, HB_DIGIT = 2, HB_UNDERSCORE = 4 };
static const uint8_t host_byte[256] = {
	['a' ... 'z'] = HB_OK, ['A' ... 'Z'] = HB_OK, ['-'] = HB_OK,
	['0' ... '9'] = HB_OK | HB_DIGIT, ['_'] = HB_UNDERSCORE,
};

/* Why a name cannot be a host name (RFC 952/1123), or NULL. */
static const char *
hostname_problem(const struct dname *d, int underscore_only)
{
	unsigned us = 0, ok = HB_OK, digits = 0;

	for (int i = 0; i < d->n; i++) {
		size_t len;
		const uint8_t *p = dname_label(d, i, &len);
		unsigned each = HB_OK | HB_DIGIT, any = 0;
		for (size_t j = 0; j < len; j++) {
			each &= host_byte[p[j]];
			any |= host_byte[p[j]];
		}
		us |= any;
		ok &= each;
		digits = each & HB_DIGIT;	/* the label is all digits */
	}
	if (us & HB_UNDERSCORE)
		return "a label holds an underscore";
	if (underscore_only)
		return NULL;
	if (!(ok & HB_OK))
		return "a label holds a character other than letters, digits and hyphens";
	if (digits)
		return "it is an IP address written as a name (its last label is all digits)";
	return NULL;
}

static void
check_srv_data(struct rec *r, uint64_t okey)
{
	const ldns_rdf *prdf = ldns_rr_rdf(r->rr, 2);
	struct dname t;
	const char *why;
	char *ts;
	int pending = 0;

	if (ldns_rr_rd_count(r->rr) < 4 || prdf == NULL || rec_target(r, 3, &t) != 0)
		return;
	if (t.n == 0) {
		(void)xref_fact(r->ch, okey, NF_SRV);
		xref_add(r->ch, REF_SRV_DOT, okey, r->pos, r->pos->line,
		    r->o.w, r->o.len, NULL, 0, 0);
		return;
	}
	if (ldns_rdf2native_int16(prdf) == 0)
		rec_report(r, CHECK_SRV_PORT_ZERO, SEV_OFF, NULL,
		    "port 0 with a real target: set the port the service listens "
		    "on, or use the target \".\" to say there is no service");
	if ((why = hostname_problem(&t, 0)) != NULL) {
		ts = rdf_str(ldns_rr_rdf(r->rr, 3));
		rec_report(r, CHECK_SRV_TARGET_HOSTNAME, SEV_OFF, NULL,
		    "the target %s is not a host name (%s): point the SRV record at "
		    "a host name that has A/AAAA records", ts, why);
		free(ts);
	}
	if (xref_inside(r->ch, &t)) {
		uint64_t tkey = xref_hash(t.w, t.len);
		/*
		 * A target with an address is never reported (srv-target-cname
		 * stays silent when a CNAME stands beside the address, see
		 * finish_srv_target): nothing to wait for, whatever follows.
		 */
		if (!(xref_facts(r->ch, tkey) & NF_ADDR)) {
			xref_add(r->ch, REF_SRV_TARGET, tkey, r->pos, r->pos->line,
			    r->o.w, r->o.len, t.w, t.len, 0);
			pending = 1;
		}
	}
	/*
	 * An SRV that waits for its target keeps its owner in the reference,
	 * and checker_finish marks NF_SRV_REAL from there for the few owners
	 * that also have a "." SRV: a zone that lists its SRV records before
	 * the hosts costs no table slot per SRV owner.  DNS-SD instances go to
	 * the table always, for dnssd-instance-no-srv.
	 */
	if (!pending || is_instance(&r->o))
		(void)xref_fact(r->ch, okey, NF_SRV | NF_SRV_REAL);
}

/* --- TXT at DNS-SD instances -------------------------------------------------- */

static int
key_listed(const char *list, const uint8_t *key, size_t klen)
{
	const char *p = list;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");
		if (n == klen && xref_ci_equal((const uint8_t *)p, key, n))
			return 1;
		p += n;
		p += strspn(p, " ");
	}
	return 0;
}

#define TXT_DUP_KEYS 64		/* keys remembered for txt-key-dup */
#define TXT_KEY_LONG 9

static void
check_txt_keys(struct rec *r)
{
	const struct reg_service *svc = NULL;
	const uint8_t *seen[TXT_DUP_KEYS];
	size_t seen_len[TXT_DUP_KEYS], nseen = 0, sl;
	const uint8_t *s = dname_label(&r->o, 1, &sl);
	size_t rd = ldns_rr_rd_count(r->rr);
	struct lbuf b;

	if (r->ch->ctx != NULL && r->ch->ctx->reg != NULL) {
		struct namememo *mm = memo_get(r->ch);
		unsigned k = (unsigned)(sl * 31 + s[1] + s[sl - 1] * 7) % MEMO_REG;
		if (mm != NULL && mm->reg[k].used && mm->reg[k].len == sl - 1 &&
		    memcmp(mm->reg[k].s, s + 1, sl - 1) == 0)
			svc = mm->reg[k].svc;
		else {
			svc = registry_lookup(r->ch->ctx->reg, (const char *)s + 1, sl - 1);
			if (mm != NULL) {
				mm->reg[k].used = 1;
				mm->reg[k].len = (uint8_t)(sl - 1);
				memcpy(mm->reg[k].s, s + 1, sl - 1);
				mm->reg[k].svc = svc;
			}
		}
	}
	for (size_t i = 0; i < rd; i++) {
		const ldns_rdf *rdf = ldns_rr_rdf(r->rr, i);
		const uint8_t *d = ldns_rdf_data(rdf), *eq;
		size_t len, klen, j;

		/* Empty strings hold no key: the single empty string is the legal empty TXT (6.1). */
		if (ldns_rdf_size(rdf) < 1 || d[0] == 0)
			continue;
		len = d[0] < ldns_rdf_size(rdf) ? d[0] : ldns_rdf_size(rdf) - 1;
		d++;
		eq = memchr(d, '=', len);
		klen = eq != NULL ? (size_t)(eq - d) : len;
		if (klen == 0) {
			rec_report(r, CHECK_TXT_KEY_EMPTY, SEV_OFF, NULL,
			    "the TXT string \"%s\" begins with \"=\": it has no key, "
			    "and clients MUST silently ignore it; give it a key",
			    lstr(&b, d, len < 63 ? len : 63));
			continue;
		}
		for (j = 0; j < klen && d[j] >= 0x20 && d[j] <= 0x7e; j++)
			;
		if (j < klen) {
			rec_report(r, CHECK_TXT_KEY_CHARS, SEV_OFF, NULL,
			    "the TXT key \"%s\" holds byte 0x%02x, outside printable "
			    "US-ASCII (RFC 6763 section 6.4): use printable ASCII keys",
			    lstr(&b, d, klen < 63 ? klen : 63), d[j]);
			continue;
		}
		if (klen > TXT_KEY_LONG)
			rec_report(r, CHECK_TXT_KEY_LONG, SEV_OFF, NULL,
			    "the TXT key \"%s\" is %zu characters; RFC 6763 section "
			    "6.4 asks for at most 9: prefer short keys in new protocols",
			    lstr(&b, d, klen < 63 ? klen : 63), klen);
		for (j = 0; j < nseen; j++)
			if (seen_len[j] == klen && xref_ci_equal(seen[j], d, klen))
				break;
		if (j < nseen) {
			rec_report(r, CHECK_TXT_KEY_DUP, SEV_OFF, NULL,
			    "the TXT key \"%s\" appears twice: clients ignore all but "
			    "the first; remove the repeat", lstr(&b, d, klen < 63 ? klen : 63));
			continue;
		}
		if (nseen < TXT_DUP_KEYS) {
			seen[nseen] = d;
			seen_len[nseen++] = klen;
		}
		/* txtvers: RFC 6763 section 6.7 recommends it for every service. */
		if (svc != NULL && svc->txt_keys != NULL && !key_listed(svc->txt_keys, d, klen) &&
		    !(klen == 7 && xref_ci_equal(d, (const uint8_t *)"txtvers", 7)))
			rec_report(r, CHECK_TXT_KEY_UNKNOWN, SEV_OFF, NULL,
			    "the TXT key \"%s\" is not among the keys the registry "
			    "defines for _%s (%.200s): check its spelling",
			    lstr(&b, d, klen < 63 ? klen : 63), svc->name, svc->txt_keys);
	}
}

static void
check_txt(struct rec *r, uint64_t okey)
{
	struct txt_acc *t = &r->ch->txt;
	size_t rd = ldns_rr_rd_count(r->rr), size = 0;

	if (report_under_sub(r) || !is_instance(&r->o))
		return;
	r->judged = 2;
	for (size_t i = 0; i < rd; i++)
		size += ldns_rdf_size(ldns_rr_rdf(r->rr, i));
	if (size == 0) {
		(void)xref_fact(r->ch, okey, NF_TXT_EMPTY);
		return;
	}
	(void)xref_fact(r->ch, okey, NF_TXT);
	check_txt_keys(r);
	/*
	 * txt-size judges the sum over every TXT record of the instance in
	 * the zone, wherever it stands and whichever -j worker reads it: a
	 * run of records given one after another in one file is summed here
	 * into one reference, and checker_finish adds up the references by
	 * owner.  A run ends with its file: after a merge the references are
	 * ordered by line then file name, and a run across an $INCLUDE would
	 * keep the including file's line where -j workers give the included.
	 * And a run only goes forward in its file: the same file included
	 * twice starts again at line 1, and a run that took that lower line
	 * in would hide the place -j workers report (the lowest line).
	 */
	if (t->key != okey || r->pos->line <= t->last || !(t->pos.file == r->pos->file ||
	    (t->pos.file != NULL && r->pos->file != NULL &&
	    strcmp(t->pos.file, r->pos->file) == 0))) {
		xref_txt_flush(r->ch);
		t->key = okey;
		t->size = 0;
		t->line = r->pos->line;
		t->pos = *r->pos;
		memcpy(t->owner, r->o.w, r->o.len);
		t->owner_len = r->o.len;
	}
	t->last = r->pos->line;
	t->size = size > 0xffffffu - t->size ? 0xffffffu : t->size + (uint32_t)size;
}

/* --- TLSA, SVCB, HTTPS ---------------------------------------------------------- */

/* Label i is "_" and a valid port: decimal 0-65535, no leading zero. */
static int
port_label_ok(const uint8_t *p, size_t len)
{
	unsigned long v = 0;

	if (len < 2 || len > 6 || (p[1] == '0' && len > 2))
		return 0;
	for (size_t i = 1; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		v = v * 10 + (p[i] - '0');
	}
	return v <= 65535;
}

static void
check_port_owner(struct rec *r)
{
	struct lbuf b;
	size_t l0;
	const uint8_t *p0;
	int port = 0;

	if (r->o.n == 0)
		return;
	p0 = dname_label(&r->o, 0, &l0);
	if (l0 >= 2 && p0[0] == '_' && p0[1] >= '0' && p0[1] <= '9') {
		port = 1;
		r->judged = 0;
		if (!port_label_ok(p0, l0))
			rec_report(r, CHECK_PORT_LABEL, SEV_OFF, NULL,
			    "the port label \"%s\" is not a decimal port number 0-65535 "
			    "without leading zeros: write it as _443", lstr(&b, p0, l0));
	}
	if (r->type != LDNS_RR_TYPE_HTTPS)
		return;
	if (r->o.n >= 2 && lab_eq(&r->o, 0, "_443") && lab_eq(&r->o, 1, "_https")) {
		r->judged = 1;
		rec_report(r, CHECK_HTTPS_PREFIX, SEV_OFF, NULL,
		    "clients never query _443._https.<name>: for port 443 they ask "
		    "for the HTTPS record at the host name itself; move it there");
	} else if (lab_eq(&r->o, 0, "_http") || (port && lab_eq(&r->o, 1, "_http"))) {
		r->judged = port ? 1 : 0;
		rec_report(r, CHECK_HTTPS_PREFIX, SEV_OFF, NULL,
		    "HTTPS records MUST NOT stand under an _http prefix (RFC 9460 "
		    "section 9.1): put it at the host name, or at _PORT._https.<name>");
	}
}

/* --- host names ------------------------------------------------------------------ */

/*
 * The owner stands under _spf, _spf_rate or _spf_verify: an RFC 7208
 * exists: target (section 5.7, appendix D.1), looked up for its A record
 * and never a host; BIND's check-names exempts exactly these labels.
 */
static int
under_spf(const struct dname *d)
{
	for (int i = 0; i < d->n; i++)
		if (lab_eq(d, i, "_spf") || lab_eq(d, i, "_spf_rate") ||
		    lab_eq(d, i, "_spf_verify"))
			return 1;
	return 0;
}

static void
check_host_owner(struct rec *r)
{
	/* "_" (0x5f) is never a length byte (< 64): one scan of the wire name. */
	if (memchr(r->o.w, '_', r->o.len) == NULL || under_spf(&r->o))
		return;
	r->judged = r->o.n - 1;
	rec_report(r, CHECK_HOSTNAME_UNDERSCORE, SEV_OFF, rec_defacto_parent(r),
	    "the %s owner is a host name and holds an underscore (RFC 952/1123): "
	    "use letters, digits and hyphens", r->tname);
}

static void
check_host_target(struct rec *r, size_t i)
{
	struct dname t;
	char *ts;

	if (rec_target(r, i, &t) != 0 || hostname_problem(&t, 1) == NULL)
		return;
	ts = rdf_str(ldns_rr_rdf(r->rr, i));
	rec_report(r, CHECK_HOSTNAME_UNDERSCORE, SEV_OFF, NULL,
	    "the %s target %s must be a host name and holds an underscore "
	    "(RFC 952/1123): point it at a host name", r->tname, ts);
	free(ts);
}

/* --- attribute leaves (RFC 8552) ---------------------------------------------- */

/* A zone apex's own records: an underscored apex (RFC 9615 _signal zones) needs them. */
static int
apex_type(ldns_rr_type t)
{
	switch (t) {
	case LDNS_RR_TYPE_SOA: case LDNS_RR_TYPE_DNSKEY: case LDNS_RR_TYPE_CDS:
	case LDNS_RR_TYPE_CDNSKEY: case LDNS_RR_TYPE_NSEC3PARAM:
	case LDNS_RR_TYPE_ZONEMD:
		return 1;
	default:
		return 0;
	}
}

/* Nonzero when the record needs no RR type the attribute-leaf registry lists. */
static int
attrleaf_exempt(const struct rec *r)
{
	const struct checker *ch = r->ch;

	switch (r->type) {
	case LDNS_RR_TYPE_CNAME: case LDNS_RR_TYPE_DNAME: case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_DS: case LDNS_RR_TYPE_RRSIG: case LDNS_RR_TYPE_NSEC:
	case LDNS_RR_TYPE_NSEC3:
		return 1;
	case LDNS_RR_TYPE_A: case LDNS_RR_TYPE_AAAA: case LDNS_RR_TYPE_TXT:
		return under_spf(&r->o);	/* RFC 7208 exists: targets */
	default:
		break;
	}
	/* SOA stands only at an apex: in probe mode, where none is known, too. */
	if (r->type == LDNS_RR_TYPE_SOA)
		return 1;
	return apex_type(r->type) && ch->apex_len != 0 && r->o.len == ch->apex_len &&
	    xref_ci_equal(r->o.w, ch->apex, ch->apex_len);
}

static void
check_attrleaf(struct rec *r)
{
	int ri = -1;
	size_t len;
	const uint8_t *p;
	const char *types;
	const struct kb_entry *kb;
	struct lbuf b;

	for (int i = r->o.n - 1; i > r->judged && ri < 0; i--)
		if (lab_us(&r->o, i))
			ri = i;
	if (ri < 0)
		return;
	p = dname_label(&r->o, ri, &len);
	types = attrleaf_types((const char *)p, len);
	if (types == NULL && (kb = kb_lookup_parent((const char *)p + 1, len - 1)) != NULL)
		rec_report(r, CHECK_ATTRLEAF_UNREGISTERED, SEV_OFF, kb,
		    "\"%s\" is not in the RFC 8552 registry of underscored node "
		    "names", lstr(&b, p, len));
	else if (types == NULL)
		rec_report(r, CHECK_ATTRLEAF_UNREGISTERED, SEV_OFF, NULL,
		    "\"%s\" is not in the RFC 8552 registry of underscored node "
		    "names: use a registered node name, or register this one",
		    lstr(&b, p, len));
	else if (!attrleaf_exempt(r) && !attrleaf_type_listed(types, r->tname))
		rec_report(r, CHECK_ATTRLEAF_RRTYPE, SEV_OFF, NULL,
		    "\"%s\" is registered for %s, not %s (RFC 8552): publish the "
		    "type the registry lists for it", lstr(&b, p, len), types, r->tname);
}

/* --- the record ------------------------------------------------------------------ */

void
checker_record(struct checker *ch, const ldns_rr *rr, const struct rr_pos *pos)
{
	const ldns_rdf *owner;
	const ldns_rr_descriptor *desc;
	struct rec r;
	uint64_t okey;	/* the owner's hash */

	if (ch == NULL || rr == NULL || pos == NULL ||
	    (owner = ldns_rr_owner(rr)) == NULL)
		return;
	r.ch = ch;
	r.rr = rr;
	r.pos = pos;
	r.owner_str = NULL;
	r.proxy.emit = rec_emit;
	r.proxy.ud = &r;
	r.judged = -1;
	if (xref_dname_parse(&r.o, ldns_rdf_data(owner), ldns_rdf_size(owner)) != 0)
		return;
	r.nkey = okey = xref_hash(r.o.w, r.o.len);
	r.type = ldns_rr_get_type(rr);
	desc = ldns_rr_descript(r.type);
	if (desc != NULL && desc->_name != NULL) {
		r.tname = desc->_name;
	} else {
		snprintf(r.tbuf, sizeof(r.tbuf), "TYPE%u", (unsigned)r.type);
		r.tname = r.tbuf;
	}

	if (!check_dnssd_infra(&r)) {
		switch (r.type) {
		case LDNS_RR_TYPE_SRV:
			check_service_owner(&r);
			break;
		case LDNS_RR_TYPE_URI:
			check_service_owner(&r);
			break;
		case LDNS_RR_TYPE_PTR:
			check_ptr(&r);
			break;
		default:
			break;
		}
	}
	switch (r.type) {
	case LDNS_RR_TYPE_SRV:
		check_srv_data(&r, okey);
		break;
	case LDNS_RR_TYPE_TXT:
		check_txt(&r, okey);
		break;
	case LDNS_RR_TYPE_TLSA: case LDNS_RR_TYPE_SVCB: case LDNS_RR_TYPE_HTTPS:
		check_port_owner(&r);
		break;
	case LDNS_RR_TYPE_A: case LDNS_RR_TYPE_AAAA:
		check_host_owner(&r);
		(void)xref_fact(ch, okey, NF_ADDR);
		break;
	case LDNS_RR_TYPE_CNAME:
		(void)xref_fact(ch, okey, NF_CNAME);
		break;
	case LDNS_RR_TYPE_SOA:
		ch->has_soa = 1;
		break;
	case LDNS_RR_TYPE_MX:
		check_host_target(&r, 1);
		break;
	case LDNS_RR_TYPE_NS:
		check_host_target(&r, 0);
		if (ch->apex_len != 0 && r.o.len != ch->apex_len && xref_inside(ch, &r.o))
			(void)xref_fact(ch, okey, NF_NS);
		break;
	default:
		break;
	}
	check_attrleaf(&r);
	free(r.owner_str);
	if (ch->inv != NULL)
		inventory_record(ch->inv, rr, pos);
}

void
checker_set_inventory(struct checker *ch, struct inventory *inv)
{
	ch->inv = inv;
}
