/*
 * xref.c -- the checker's memory: compact per-name facts, the references
 * that wait for the whole zone, merging the checkers of -j workers, and
 * the cross-record checks run by checker_finish.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker_impl.h"

static uint8_t
lower(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

int
xref_ci_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower(a[i]) != lower(b[i]))
			return 0;
	return 1;
}

int
xref_dname_parse(struct dname *d, const uint8_t *w, size_t len)
{
	size_t o = 0;

	d->w = w;
	d->len = len;
	d->n = 0;
	if (w == NULL || len == 0 || len > 255)
		return -1;
	while (o < len && w[o] != 0) {
		if (w[o] > 63 || d->n >= DNAME_MAX_LABELS || o + 1 + w[o] >= len)
			return -1;
		d->off[d->n++] = (uint8_t)o;
		o += 1u + w[o];
	}
	/* The root label must be the last byte: nothing may follow it. */
	return (o + 1 == len) ? 0 : -1;
}

uint64_t
xref_hash(const uint8_t *w, size_t len)
{
	/*
	 * FNV-1a over the lowercased bytes, then a murmur3 finaliser so that
	 * both the high bits (the key) and the low bits (the slot) mix well.
	 * Length bytes are below 64 and so never change under lower().
	 */
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ lower(w[i])) * 0x100000001b3ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

int
xref_inside(const struct checker *ch, const struct dname *d)
{
	if (ch->apex_len == 0)
		return 1;
	for (int i = 0; i <= d->n; i++) {
		size_t sl;
		const uint8_t *s = dname_suffix(d, i, &sl);
		if (sl == ch->apex_len)
			return xref_ci_equal(s, ch->apex, sl);
		if (sl < ch->apex_len)
			break;
	}
	return 0;
}

/* --- the fact table ----------------------------------------------------- */

#define KEY_MASK (~(uint64_t)0xff)

static uint64_t
key_of(uint64_t hash)
{
	uint64_t k = hash & KEY_MASK;
	return k != 0 ? k : 0x100;	/* 0 marks an empty slot */
}

static size_t
slot_of(const struct nametab *t, uint64_t key)
{
	size_t mask = t->cap - 1;
	size_t i = (size_t)(key >> 8) & mask;

	while (t->slot[i] != 0 && (t->slot[i] & KEY_MASK) != key)
		i = (i + 1) & mask;
	return i;
}

static int
nametab_grow(struct nametab *t)
{
	size_t ncap = t->cap != 0 ? t->cap * 2 : 1024;
	struct nametab n = { calloc(ncap, sizeof(uint64_t)), ncap, t->count };

	if (n.slot == NULL)
		return -1;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i] != 0)
			n.slot[slot_of(&n, t->slot[i] & KEY_MASK)] = t->slot[i];
	free(t->slot);
	*t = n;
	return 0;
}

int
xref_fact(struct checker *ch, uint64_t hash, unsigned facts)
{
	struct nametab *t = &ch->names;
	uint64_t key = key_of(hash);
	size_t i;

	if ((t->count + 1) * 4 > t->cap * 3 && nametab_grow(t) != 0) {
		ch->oom = 1;
		return -1;
	}
	i = slot_of(t, key);
	if (t->slot[i] == 0) {
		t->slot[i] = key;
		t->count++;
	}
	t->slot[i] |= facts & 0xffu;
	return 0;
}

unsigned
xref_facts(const struct checker *ch, uint64_t hash)
{
	const struct nametab *t = &ch->names;

	if (t->cap == 0)
		return 0;
	return (unsigned)(t->slot[slot_of(t, key_of(hash))] & 0xffu);
}

/* --- references ----------------------------------------------------------- */

/* Grows an array to hold one more element; 0, or -1 when out of memory. */
static int
grow(void **arr, size_t *cap, size_t n, size_t size)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return 0;
	ncap = *cap != 0 ? *cap * 2 : 64;
	p = realloc(*arr, ncap * size);
	if (p == NULL)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

/* Copies len bytes into the arena; returns their offset, or NO_STR. */
static uint32_t
arena_put(struct checker *ch, const void *data, size_t len)
{
	uint32_t off;

	while (ch->alen + len > ch->acap) {
		size_t ncap = ch->acap != 0 ? ch->acap * 2 : 4096;
		uint8_t *p;
		if (ncap > 0xfffffff0u)
			return NO_STR;
		p = realloc(ch->arena, ncap);
		if (p == NULL)
			return NO_STR;
		ch->arena = p;
		ch->acap = ncap;
	}
	off = (uint32_t)ch->alen;
	memcpy(ch->arena + off, data, len);
	ch->alen += len;
	return off;
}

/* An owner name in the arena, stored once for consecutive records. */
static uint32_t
arena_owner(struct checker *ch, const uint8_t *w, size_t len)
{
	if (ch->last_owner != NO_STR && ch->last_owner_len == len &&
	    memcmp(ch->arena + ch->last_owner, w, len) == 0)
		return ch->last_owner;
	ch->last_owner = arena_put(ch, w, len);
	ch->last_owner_len = (uint32_t)len;
	return ch->last_owner;
}

static uint32_t
intern_file(struct checker *ch, const char *file)
{
	for (size_t i = 0; i < ch->nfiles; i++)
		if (strcmp((const char *)ch->arena + ch->files[i], file) == 0)
			return (uint32_t)i;
	if (grow((void **)&ch->files, &ch->capfiles, ch->nfiles, sizeof(uint32_t)) != 0)
		return NO_STR;
	ch->files[ch->nfiles] = arena_put(ch, file, strlen(file) + 1);
	if (ch->files[ch->nfiles] == NO_STR)
		return NO_STR;
	return (uint32_t)ch->nfiles++;
}

/* Index of an interned copy of pos, reusing the last one when equal. */
static uint32_t
intern_pos(struct checker *ch, const struct rr_pos *pos)
{
	struct ref_pos p;

	if (ch->last_pos_src != NULL && ch->last_pos.file == pos->file &&
	    ch->last_pos.domain == pos->domain &&
	    ch->last_pos.disabled == pos->disabled)
		return (uint32_t)(ch->npos - 1);
	p.disabled = pos->disabled;
	p.file = pos->file != NULL ? intern_file(ch, pos->file) : NO_STR;
	p.domain = pos->domain != NULL ?
	    arena_put(ch, pos->domain, strlen(pos->domain) + 1) : NO_STR;
	if (grow((void **)&ch->pos, &ch->cappos, ch->npos, sizeof(p)) != 0)
		return NO_STR;
	ch->pos[ch->npos] = p;
	ch->last_pos = *pos;
	ch->last_pos_src = pos;
	return (uint32_t)ch->npos++;
}

void
xref_add(struct checker *ch, enum ref_kind kind, uint64_t key,
    const struct rr_pos *pos, unsigned long line,
    const uint8_t *owner, size_t owner_len,
    const uint8_t *target, size_t target_len, uint32_t size)
{
	struct ref r;
	uint32_t pi;

	if (grow((void **)&ch->refs, &ch->caprefs, ch->nrefs, sizeof(r)) != 0)
		goto oom;
	pi = intern_pos(ch, pos);
	r.key = key;
	r.line = line > 0xffffffffUL ? 0xffffffffu : (uint32_t)line;
	r.owner = arena_owner(ch, owner, owner_len);
	r.target = kind == REF_TXT_SIZE ? size :
	    target != NULL ? arena_put(ch, target, target_len) : NO_STR;
	if (pi == NO_STR || pi > 0xffffffu || r.owner == NO_STR ||
	    (kind != REF_TXT_SIZE && target != NULL && r.target == NO_STR))
		goto oom;
	r.pos_kind = pi << 8 | (uint32_t)kind;
	ch->refs[ch->nrefs++] = r;
	return;
oom:
	ch->oom = 1;
}

void
xref_txt_flush(struct checker *ch, int force)
{
	struct txt_acc *t = &ch->txt;

	if (t->key != 0 && (t->size >= TXT_SIZE_NOTE || force || !ch->txt_first_pushed)) {
		xref_add(ch, REF_TXT_SIZE, t->key, &t->pos, t->line,
		    t->owner, t->owner_len, NULL, 0, t->size);
		ch->txt_first_pushed = 1;
	}
	t->key = 0;
}

/* --- lifecycle -------------------------------------------------------------- */

struct checker *
checker_create(const struct lint_ctx *ctx, const struct sink *sink,
    const ldns_rdf *apex)
{
	struct checker *ch = calloc(1, sizeof(*ch));

	if (ch == NULL)
		return NULL;
	ch->ctx = ctx;
	ch->sink = sink;
	ch->last_owner = NO_STR;
	if (apex != NULL && ldns_rdf_size(apex) <= sizeof(ch->apex)) {
		memcpy(ch->apex, ldns_rdf_data(apex), ldns_rdf_size(apex));
		ch->apex_len = ldns_rdf_size(apex);
	}
	return ch;
}

/* Frees every fact and reference, leaving ch empty and usable. */
static void
checker_clear(struct checker *ch)
{
	free(ch->names.slot);
	free(ch->refs);
	free(ch->pos);
	free(ch->files);
	free(ch->arena);
	memset(&ch->names, 0, sizeof(ch->names));
	ch->refs = NULL, ch->nrefs = ch->caprefs = 0;
	ch->pos = NULL, ch->npos = ch->cappos = 0;
	ch->files = NULL, ch->nfiles = ch->capfiles = 0;
	ch->arena = NULL, ch->alen = ch->acap = 0;
	ch->last_owner = NO_STR;
	ch->last_pos_src = NULL;
	ch->txt.key = 0;
	ch->txt_first_pushed = 0;
}

void
checker_destroy(struct checker *ch)
{
	if (ch == NULL)
		return;
	checker_clear(ch);
	free(ch);
}

void
checker_name_unknown(struct checker *ch, const ldns_rdf *name)
{
	if (ch == NULL || name == NULL || ldns_rdf_get_type(name) != LDNS_RDF_TYPE_DNAME)
		return;
	(void)xref_fact(ch, xref_hash(ldns_rdf_data(name), ldns_rdf_size(name)),
	    NF_UNKNOWN);
}

int
checker_merge(struct checker *dst, struct checker *src)
{
	uint32_t abase, pbase;
	uint32_t *fmap = NULL;
	int rc = -1;

	xref_txt_flush(src, 1);
	for (size_t i = 0; i < src->names.cap; i++) {
		uint64_t s = src->names.slot[i];
		if (s != 0 && xref_fact(dst, s & KEY_MASK, (unsigned)(s & 0xff)) != 0)
			goto out;
	}
	/* The arena moves whole: src offsets shift by abase. */
	abase = (uint32_t)dst->alen;
	if (src->alen > 0 && arena_put(dst, src->arena, src->alen) == NO_STR)
		goto out;
	fmap = calloc(src->nfiles + 1, sizeof(*fmap));
	if (fmap == NULL)
		goto out;
	for (size_t i = 0; i < src->nfiles; i++) {
		fmap[i] = intern_file(dst, (const char *)src->arena + src->files[i]);
		if (fmap[i] == NO_STR)
			goto out;
	}
	pbase = (uint32_t)dst->npos;
	for (size_t i = 0; i < src->npos; i++) {
		struct ref_pos p = src->pos[i];
		if (grow((void **)&dst->pos, &dst->cappos, dst->npos, sizeof(p)) != 0)
			goto out;
		p.file = p.file != NO_STR ? fmap[p.file] : NO_STR;
		p.domain = p.domain != NO_STR ? p.domain + abase : NO_STR;
		dst->pos[dst->npos++] = p;
	}
	for (size_t i = 0; i < src->nrefs; i++) {
		struct ref r = src->refs[i];
		if (grow((void **)&dst->refs, &dst->caprefs, dst->nrefs, sizeof(r)) != 0)
			goto out;
		r.owner += abase;
		if ((r.pos_kind & 0xff) != REF_TXT_SIZE && r.target != NO_STR)
			r.target += abase;
		r.pos_kind = ((r.pos_kind >> 8) + pbase) << 8 | (r.pos_kind & 0xff);
		dst->refs[dst->nrefs++] = r;
	}
	/* dst's own dedupe caches stay valid: its old entries did not move. */
	dst->last_owner = NO_STR;
	dst->last_pos_src = NULL;
	dst->oom |= src->oom;
	rc = 0;
out:
	if (rc != 0)
		dst->oom = 1;
	free(fmap);
	checker_clear(src);
	return rc;
}

/* --- the cross-record checks ---------------------------------------------- */

static int
ref_cmp(const void *a, const void *b, void *ud)
{
	const struct checker *ch = ud;
	const struct ref *x = a, *y = b;
	uint32_t fx = ch->pos[x->pos_kind >> 8].file;
	uint32_t fy = ch->pos[y->pos_kind >> 8].file;

	if (fx != fy)
		return fx < fy ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if ((x->pos_kind & 0xff) != (y->pos_kind & 0xff))
		return (x->pos_kind & 0xff) < (y->pos_kind & 0xff) ? -1 : 1;
	return 0;
}

/* Length of the wire name at arena offset off. */
static size_t
arena_name_len(const struct checker *ch, uint32_t off)
{
	size_t len = 0;

	while (ch->arena[off + len] != 0)
		len += 1u + ch->arena[off + len];
	return len + 1;
}

/* Presentation form of an arena name (malloc'd, or NULL). */
static char *
arena_name(const struct checker *ch, uint32_t off)
{
	ldns_rdf *rdf;
	char *s;

	if (off == NO_STR)
		return NULL;
	rdf = ldns_dname_new_frm_data((uint16_t)arena_name_len(ch, off),
	    ch->arena + off);
	if (rdf == NULL)
		return NULL;
	s = ldns_rdf2str(rdf);
	ldns_rdf_deep_free(rdf);
	return s;
}

static void
xref_report(struct checker *ch, const struct ref *r, enum check_id id,
    enum severity sev, const char *type, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void
xref_report(struct checker *ch, const struct ref *r, enum check_id id,
    enum severity sev, const char *type, const char *fmt, ...)
{
	const struct ref_pos *p = &ch->pos[r->pos_kind >> 8];
	char msg[1024];
	struct finding f;
	va_list ap;
	char *owner;

	if (CHECK_SET_HAS(p->disabled, id))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	owner = arena_name(ch, r->owner);
	finding_init(&f, id);
	if (sev != SEV_OFF)
		f.severity = sev;
	f.message = msg;
	f.owner = owner;
	f.type = type;
	f.file = p->file != NO_STR ? (const char *)ch->arena + ch->files[p->file] : NULL;
	f.line = r->line;
	f.domain = p->domain != NO_STR ? (const char *)ch->arena + p->domain : NULL;
	sink_emit(ch->sink, &f);
	free(owner);
}

/*
 * Nonzero when something other than the zone's own data answers for the
 * target: it lies at or below a delegation (NS below the apex), or a
 * wildcard in the zone gives it an address.
 */
static int
target_elsewhere(const struct checker *ch, const uint8_t *w, size_t len)
{
	struct dname d;
	uint8_t buf[257];

	if (ch->apex_len == 0 || xref_dname_parse(&d, w, len) != 0)
		return 0;
	for (int i = 0; i < d.n; i++) {
		size_t sl;
		const uint8_t *s = dname_suffix(&d, i, &sl);
		if (sl <= ch->apex_len)
			break;
		if (xref_facts(ch, xref_hash(s, sl)) & NF_NS)
			return 1;
	}
	for (int i = 1; i <= d.n; i++) {
		size_t sl;
		const uint8_t *s = dname_suffix(&d, i, &sl);
		if (sl < ch->apex_len)
			break;
		buf[0] = 1;
		buf[1] = '*';
		memcpy(buf + 2, s, sl);
		if (xref_facts(ch, xref_hash(buf, sl + 2)) & NF_ADDR)
			return 1;
	}
	return 0;
}

static void
finish_srv_target(struct checker *ch, const struct ref *r)
{
	unsigned f = xref_facts(ch, r->key);
	const uint8_t *tw = ch->arena + r->target;
	char *t;

	if (f & NF_UNKNOWN)
		return;
	if (f & NF_CNAME) {
		t = arena_name(ch, r->target);
		xref_report(ch, r, CHECK_SRV_TARGET_CNAME, SEV_OFF, "SRV",
		    "the target %s is an alias (CNAME), which SRV targets must not be: "
		    "point the SRV record at the canonical host name", t ? t : "?");
		free(t);
	} else if (!(f & NF_ADDR) && !target_elsewhere(ch, tw, arena_name_len(ch, r->target))) {
		t = arena_name(ch, r->target);
		xref_report(ch, r, CHECK_SRV_TARGET_NO_ADDRESS, SEV_OFF, "SRV",
		    "the target %s has no A or AAAA record%s: add one, or point "
		    "the SRV record at a host that has them", t ? t : "?",
		    ch->apex_len ? " in the zone" : "");
		free(t);
	}
}

static void
finish_browse(struct checker *ch, const struct ref *r, struct nametab *seen)
{
	unsigned f = xref_facts(ch, r->key);
	size_t i;
	char *t;

	/* One finding per instance, on the first PTR that browses it. */
	if (seen->cap == 0 || (seen->count + 1) * 4 > seen->cap * 3) {
		if (nametab_grow(seen) != 0)
			return;
	}
	i = slot_of(seen, key_of(r->key));
	if (seen->slot[i] != 0)
		return;
	seen->slot[i] = key_of(r->key);
	seen->count++;
	if (f & NF_UNKNOWN)
		return;
	if (!(f & NF_SRV)) {
		t = arena_name(ch, r->target);
		xref_report(ch, r, CHECK_DNSSD_INSTANCE_NO_SRV, SEV_OFF, "PTR",
		    "the browsed instance %s has no SRV record: clients cannot "
		    "reach it; add an SRV record at the instance name", t ? t : "?");
		free(t);
	}
	if (!(f & (NF_TXT | NF_TXT_EMPTY))) {
		t = arena_name(ch, r->target);
		xref_report(ch, r, CHECK_DNSSD_INSTANCE_NO_TXT, SEV_OFF, "PTR",
		    "the browsed instance %s has no TXT record (RFC 6763 section 6: "
		    "every instance MUST have one): add one, a single empty string "
		    "(\"\") if there is nothing to say", t ? t : "?");
		free(t);
	} else if (f & NF_TXT_EMPTY) {
		t = arena_name(ch, r->target);
		xref_report(ch, r, CHECK_DNSSD_INSTANCE_NO_TXT, SEV_OFF, "PTR",
		    "the browsed instance %s has a zero-length TXT record (RFC 6763 "
		    "section 6.1: MUST NOT): give it a single empty string (\"\") "
		    "at least", t ? t : "?");
		free(t);
	}
}

static int
txt_cmp(const void *a, const void *b, void *ud)
{
	const struct ref *refs = ud;
	const struct ref *x = &refs[*(const size_t *)a], *y = &refs[*(const size_t *)b];

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return 0;
}

/*
 * Sums the TXT sizes of one instance kept in several references (an RRset
 * split between workers) into the first one; the others drop to 0.
 */
static void
txt_sum(struct checker *ch)
{
	size_t n = 0, *ix;

	for (size_t i = 0; i < ch->nrefs; i++)
		n += (ch->refs[i].pos_kind & 0xff) == REF_TXT_SIZE;
	if (n < 2 || (ix = malloc(n * sizeof(*ix))) == NULL)
		return;
	n = 0;
	for (size_t i = 0; i < ch->nrefs; i++)
		if ((ch->refs[i].pos_kind & 0xff) == REF_TXT_SIZE)
			ix[n++] = i;
	qsort_r(ix, n, sizeof(*ix), txt_cmp, ch->refs);
	for (size_t i = 1; i < n; i++) {
		struct ref *first = &ch->refs[ix[i - 1]], *r = &ch->refs[ix[i]];
		if (r->key != first->key)
			continue;
		r->target = first->target + r->target > 0xffffffu ?
		    0xffffffu : first->target + r->target;
		first->target = 0;
		/* The sum travels to the latest; keep the first line. */
		r->line = first->line;
		r->owner = first->owner;
		r->pos_kind = (first->pos_kind & ~0xffu) | REF_TXT_SIZE;
	}
	free(ix);
}

void
checker_finish(struct checker *ch)
{
	struct nametab seen = { NULL, 0, 0 };

	if (ch == NULL)
		return;
	xref_txt_flush(ch, 1);
	txt_sum(ch);
	if (ch->nrefs > 1)
		qsort_r(ch->refs, ch->nrefs, sizeof(struct ref), ref_cmp, ch);
	for (size_t i = 0; i < ch->nrefs; i++) {
		const struct ref *r = &ch->refs[i];
		switch ((enum ref_kind)(r->pos_kind & 0xff)) {
		case REF_SRV_TARGET:
			finish_srv_target(ch, r);
			break;
		case REF_SRV_DOT:
			if (xref_facts(ch, r->key) & NF_SRV_REAL)
				xref_report(ch, r, CHECK_SRV_TARGET_DOT_MIXED, SEV_OFF, "SRV",
				    "a \".\" target (service decidedly not available) stands "
				    "beside other SRV records of this owner: remove either "
				    "the \".\" record or the others");
			break;
		case REF_BROWSE:
			finish_browse(ch, r, &seen);
			break;
		case REF_TXT_SIZE:
			if (r->target < TXT_SIZE_NOTE)
				break;
			if (r->target > TXT_SIZE_WARNING)
				xref_report(ch, r, CHECK_TXT_SIZE, SEV_WARNING, "TXT",
				    "the TXT data of this instance is %u bytes, over the "
				    "1300 that RFC 6763 section 6.2 does not recommend: "
				    "move large data elsewhere", (unsigned)r->target);
			else
				xref_report(ch, r, CHECK_TXT_SIZE, SEV_NOTE, "TXT",
				    "the TXT data of this instance is %u bytes; RFC 6763 "
				    "section 6.2 says it should stay under 400",
				    (unsigned)r->target);
			break;
		}
	}
	free(seen.slot);
	checker_clear(ch);
}
