/*
 * xref.c -- the checker's memory: compact per-name facts, the references
 * that wait for the whole zone, merging the checkers of -j workers, and
 * the cross-record checks run by checker_finish.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "checker_impl.h"
#include "dname.h"

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

/* The 8 bytes at p with ASCII upper case made lower (SWAR). */
static uint64_t
lower8(uint64_t w)
{
	uint64_t h = w & 0x7f7f7f7f7f7f7f7fULL;
	uint64_t gt_z = h + 0x2525252525252525ULL;	/* high bit: byte > 'Z' */
	uint64_t ge_a = h + 0x3f3f3f3f3f3f3f3fULL;	/* high bit: byte >= 'A' */
	uint64_t upper = ~w & (ge_a ^ gt_z) & 0x8080808080808080ULL;

	return w | (upper >> 2);
}

static uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

uint64_t
xref_hash(const uint8_t *w, size_t len)
{
	/*
	 * Eight lowercased bytes at a time, multiplied in, then a murmur3
	 * finaliser so that both the high bits (key, shard) and the low bits
	 * (slot) mix well.  Length bytes are below 64 and never change under
	 * lowering.
	 */
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, v;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&v, w + i, 8);
		h = (h ^ lower8(v)) * 0x87c37b91114253d5ULL;
		h = (h << 31) | (h >> 33);
	}
	if (i < len) {
		v = 0;
		memcpy(&v, w + i, len - i);
		h = (h ^ lower8(v)) * 0x87c37b91114253d5ULL;
	}
	return mix(h);
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

static struct nametab_shard *
shard_of(struct nametab *t, uint64_t key)
{
	return &t->shard[key >> 58];
}


static size_t
slot_of(const struct nametab_shard *s, uint64_t key)
{
	size_t mask = s->cap - 1;
	size_t i = (size_t)(key >> 8) & mask;

	while (s->slot[i] != 0 && (s->slot[i] & KEY_MASK) != key)
		i = (i + 1) & mask;
	return i;
}

static int
shard_grow(struct nametab_shard *s)
{
	uint32_t ncap = s->cap != 0 ? s->cap * 2 : 64;
	struct nametab_shard n = { alloc_pages((size_t)ncap * sizeof(uint64_t)), ncap, s->count };

	if (n.slot == NULL || ncap == 0)
		return -1;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i] != 0)
			n.slot[slot_of(&n, s->slot[i] & KEY_MASK)] = s->slot[i];
	alloc_pages_free(s->slot, (size_t)s->cap * sizeof(uint64_t));
	*s = n;
	return 0;
}

/* The slot for key, made when absent (NULL when out of memory). */
static uint64_t *
nametab_put(struct nametab *t, uint64_t key)
{
	struct nametab_shard *s = shard_of(t, key);
	size_t i;

	if ((s->count + 1) * 4 > (size_t)s->cap * 3 && shard_grow(s) != 0)
		return NULL;
	i = slot_of(s, key);
	if (s->slot[i] == 0) {
		s->slot[i] = key;
		s->count++;
	}
	return &s->slot[i];
}

static uint64_t
nametab_get(const struct nametab *t, uint64_t key)
{
	const struct nametab_shard *s = &t->shard[key >> 58];

	return s->cap != 0 ? s->slot[slot_of(s, key)] : 0;
}

static void
nametab_free(struct nametab *t)
{
	for (size_t i = 0; i < NAMETAB_SHARDS; i++)
		alloc_pages_free(t->shard[i].slot, (size_t)t->shard[i].cap * sizeof(uint64_t));
	memset(t, 0, sizeof(*t));
}

int
xref_flush(struct checker *ch)
{
	int rc = 0;

	for (unsigned i = 0; i < ch->npend; i++) {
		uint64_t *slot = nametab_put(&ch->names, ch->pend[i].key);
		if (slot == NULL) {
			ch->oom = 1;
			rc = -1;
			continue;
		}
		*slot |= ch->pend[i].facts & 0xffu;
	}
	ch->npend = 0;
	return rc;
}

int
xref_fact(struct checker *ch, uint64_t hash, unsigned facts)
{
	uint64_t key = key_of(hash);
	const struct nametab_shard *s = shard_of(&ch->names, key);
	const size_t n = sizeof(ch->pend) / sizeof(ch->pend[0]);

	if (s->cap != 0)
		__builtin_prefetch(&s->slot[(size_t)(key >> 8) & (s->cap - 1)], 1);
	ch->pend[ch->npend].key = key;
	ch->pend[ch->npend].facts = facts;
	if (++ch->npend == n)
		return xref_flush(ch);
	return 0;
}

unsigned
xref_facts(const struct checker *ch, uint64_t hash)
{
	uint64_t key = key_of(hash);
	unsigned f = (unsigned)(nametab_get(&ch->names, key) & 0xffu);

	for (unsigned i = 0; i < ch->npend; i++)
		if (ch->pend[i].key == key)
			f |= ch->pend[i].facts;
	return f;
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
	p = alloc_pages_resize(*arr, *cap * size, ncap * size);
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
		if (ncap > 0xfffffff0u) {
			alloc_refused();	/* offsets are 32 bits: a failure, never a pass */
			return NO_STR;
		}
		p = alloc_pages_resize(ch->arena, ch->acap, ncap);
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

/* Appends a name: relative to the apex when it lies inside (returns 1), else whole. */
static int
put_name(struct checker *ch, const uint8_t *w, size_t len, uint32_t *off)
{
	static const uint8_t root = 0;
	struct dname d;

	/* Only when the apex part is byte for byte the apex: names keep their case. */
	if (ch->apex_len != 0 && xref_dname_parse(&d, w, len) == 0 && xref_inside(ch, &d) &&
	    memcmp(w + len - ch->apex_len, ch->apex, ch->apex_len) == 0) {
		size_t rl = len - ch->apex_len;
		if ((rl > 0 && arena_put(ch, w, rl) == NO_STR) ||
		    arena_put(ch, &root, 1) == NO_STR)
			*off = NO_STR;
		return 1;
	}
	if (arena_put(ch, w, len) == NO_STR)
		*off = NO_STR;
	return 0;
}

/* Label index of owner where target starts, or -1 when it is no suffix. */
static int
suffix_index(const uint8_t *owner, size_t olen, const uint8_t *target, size_t tlen)
{
	struct dname d;

	if (xref_dname_parse(&d, owner, olen) != 0)
		return -1;
	for (int i = 0; i <= d.n; i++) {
		size_t sl;
		const uint8_t *s = dname_suffix(&d, i, &sl);
		if (sl == tlen)
			return xref_ci_equal(s, target, tlen) ? i : -1;
		if (sl < tlen)
			break;
	}
	return -1;
}

void
xref_add(struct checker *ch, enum ref_kind kind, uint64_t key,
    const struct rr_pos *pos, unsigned long line,
    const uint8_t *owner, size_t owner_len,
    const uint8_t *target, size_t target_len, uint32_t size)
{
	struct ref r;
	uint32_t pi, off = 0;
	uint8_t hdr[4];
	size_t start = ch->alen;
	int k = -1;

	if (grow((void **)&ch->refs, &ch->caprefs, ch->nrefs, sizeof(r)) != 0)
		goto oom;
	pi = intern_pos(ch, pos);
	if (pi == NO_STR || pi > 0xffffffu)
		goto oom;
	start = ch->alen;
	hdr[0] = (uint8_t)kind;
	hdr[1] = (uint8_t)(pi >> 16);
	hdr[2] = (uint8_t)(pi >> 8);
	hdr[3] = (uint8_t)pi;
	if (arena_put(ch, hdr, 4) == NO_STR)
		goto oom;
	if (put_name(ch, owner, owner_len, &off))
		ch->arena[start] |= REC_OWNER_REL;
	if (kind == REF_TXT_SIZE) {
		uint8_t sz[4] = { (uint8_t)(size >> 24), (uint8_t)(size >> 16),
		    (uint8_t)(size >> 8), (uint8_t)size };
		if (arena_put(ch, sz, 4) == NO_STR)
			off = NO_STR;
	} else if (target == NULL) {
		ch->arena[start] |= REC_TGT_NONE;
	} else if ((k = suffix_index(owner, owner_len, target, target_len)) >= 0) {
		uint8_t kb = (uint8_t)k;
		ch->arena[start] |= REC_TGT_SUFFIX;
		if (arena_put(ch, &kb, 1) == NO_STR)
			off = NO_STR;
	} else if (put_name(ch, target, target_len, &off)) {
		ch->arena[start] |= REC_TGT_REL;
	}
	if (off == NO_STR)
		goto oom;
	r.key = key;
	r.line = line > 0xffffffffUL ? 0xffffffffu : (uint32_t)line;
	r.rec = (uint32_t)start;
	ch->refs[ch->nrefs++] = r;
	return;
oom:
	ch->alen = start;
	ch->oom = 1;
}

void
xref_txt_flush(struct checker *ch)
{
	struct txt_acc *t = &ch->txt;

	if (t->key != 0)
		xref_add(ch, REF_TXT_SIZE, t->key, &t->pos, t->line,
		    t->owner, t->owner_len, NULL, 0, t->size);
	t->key = 0;
}

/* --- reading records back ------------------------------------------------- */

/* A reference's record, decoded. */
struct rec_view {
	unsigned kind;
	uint32_t pos;
	uint8_t owner[256];
	size_t olen;
	uint8_t target[256];
	size_t tlen;		/* 0: none */
	uint32_t size;		/* REF_TXT_SIZE */
	uint32_t size_off;	/* arena offset of the size */
};

/* Bytes of the wire name at p, its root label included. */
static size_t
wire_len(const uint8_t *p)
{
	size_t n = 0;

	while (p[n] != 0)
		n += 1u + p[n];
	return n + 1;
}

/* Reads a stored name at p into out; returns the bytes it took in the arena. */
static size_t
get_name(const struct checker *ch, const uint8_t *p, int rel, uint8_t *out, size_t *olen)
{
	size_t n = wire_len(p);

	if (rel) {
		memcpy(out, p, n - 1);
		memcpy(out + n - 1, ch->apex, ch->apex_len);
		*olen = n - 1 + ch->apex_len;
	} else {
		memcpy(out, p, n);
		*olen = n;
	}
	return n;
}

static unsigned
rec_kind(const struct checker *ch, const struct ref *r)
{
	return ch->arena[r->rec] & REC_KIND;
}

static uint32_t
rec_pos(const struct checker *ch, const struct ref *r)
{
	const uint8_t *h = ch->arena + r->rec;

	return (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
}

static void
rec_read(const struct checker *ch, const struct ref *r, struct rec_view *v)
{
	const uint8_t *h = ch->arena + r->rec, *p = h + 4;
	unsigned flags = h[0];
	struct dname d;
	size_t sl;

	v->kind = flags & REC_KIND;
	v->pos = rec_pos(ch, r);
	p += get_name(ch, p, (flags & REC_OWNER_REL) != 0, v->owner, &v->olen);
	v->tlen = 0;
	v->size = 0;
	if (v->kind == REF_TXT_SIZE) {
		v->size_off = (uint32_t)(p - ch->arena);
		v->size = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
	} else if (flags & REC_TGT_NONE) {
		/* no target */
	} else if (flags & REC_TGT_SUFFIX) {
		if (xref_dname_parse(&d, v->owner, v->olen) == 0 && p[0] <= d.n) {
			const uint8_t *t = dname_suffix(&d, p[0], &sl);
			memcpy(v->target, t, sl);
			v->tlen = sl;
		}
	} else {
		(void)get_name(ch, p, (flags & REC_TGT_REL) != 0, v->target, &v->tlen);
	}
}

static void
rec_set_size(struct checker *ch, const struct ref *r, uint32_t size)
{
	struct rec_view v;
	uint8_t *p;

	rec_read(ch, r, &v);
	p = ch->arena + v.size_off;
	p[0] = (uint8_t)(size >> 24);
	p[1] = (uint8_t)(size >> 16);
	p[2] = (uint8_t)(size >> 8);
	p[3] = (uint8_t)size;
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
	nametab_free(&ch->names);
	ch->npend = 0;
	alloc_pages_free(ch->refs, ch->caprefs * sizeof(*ch->refs));
	alloc_pages_free(ch->pos, ch->cappos * sizeof(*ch->pos));
	alloc_pages_free(ch->files, ch->capfiles * sizeof(*ch->files));
	alloc_pages_free(ch->arena, ch->acap);
	ch->refs = NULL, ch->nrefs = ch->caprefs = 0;
	ch->pos = NULL, ch->npos = ch->cappos = 0;
	ch->files = NULL, ch->nfiles = ch->capfiles = 0;
	ch->arena = NULL, ch->alen = ch->acap = 0;
	ch->last_pos_src = NULL;
	ch->txt.key = 0;
	ch->has_soa = 0;
}

void
checker_destroy(struct checker *ch)
{
	if (ch == NULL)
		return;
	checker_clear(ch);
	checker_memo_free(ch->memo);
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

	if (dst == NULL || src == NULL || dst == src)
		return dst == src ? 0 : -1;
	xref_txt_flush(src);
	(void)xref_flush(src);
	/* Shard by shard, freeing each: never two copies of the names. */
	for (size_t k = 0; k < NAMETAB_SHARDS; k++) {
		struct nametab_shard *s = &src->names.shard[k];
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i] != 0 &&
			    xref_fact(dst, s->slot[i] & KEY_MASK, (unsigned)(s->slot[i] & 0xff)) != 0)
				goto out;
		alloc_pages_free(s->slot, (size_t)s->cap * sizeof(uint64_t));
		memset(s, 0, sizeof(*s));
	}
	/* The arena moves whole: src offsets shift by abase. */
	fmap = calloc(src->nfiles + 1, sizeof(*fmap));
	if (fmap == NULL)
		goto out;
	for (size_t i = 0; i < src->nfiles; i++) {
		fmap[i] = intern_file(dst, (const char *)src->arena + src->files[i]);
		if (fmap[i] == NO_STR)
			goto out;
	}
	abase = (uint32_t)dst->alen;
	if (src->alen > 0 && arena_put(dst, src->arena, src->alen) == NO_STR)
		goto out;
	alloc_pages_free(src->arena, src->acap);
	src->arena = NULL, src->alen = src->acap = 0;
	pbase = (uint32_t)dst->npos;
	for (size_t i = 0; i < src->npos; i++) {
		struct ref_pos p = src->pos[i];
		if (grow((void **)&dst->pos, &dst->cappos, dst->npos, sizeof(p)) != 0)
			goto out;
		p.file = p.file != NO_STR ? fmap[p.file] : NO_STR;
		p.domain = p.domain != NO_STR ? p.domain + abase : NO_STR;
		dst->pos[dst->npos++] = p;
	}
	if (dst->npos > 0xffffffu)
		goto out;
	for (size_t i = 0; i < src->nrefs; i++) {
		struct ref r = src->refs[i];
		uint8_t *h;
		uint32_t pi;
		if (grow((void **)&dst->refs, &dst->caprefs, dst->nrefs, sizeof(r)) != 0)
			goto out;
		r.rec += abase;
		h = dst->arena + r.rec;
		pi = ((uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3]) + pbase;
		h[1] = (uint8_t)(pi >> 16);
		h[2] = (uint8_t)(pi >> 8);
		h[3] = (uint8_t)pi;
		dst->refs[dst->nrefs++] = r;
	}
	if (xref_flush(dst) != 0)
		goto out;
	/* The next record of dst must not reuse a pos of src. */
	dst->last_pos_src = NULL;
	dst->oom |= src->oom;
	dst->has_soa |= src->has_soa;
	rc = 0;
out:
	if (rc != 0)
		dst->oom = 1;
	free(fmap);
	checker_clear(src);
	return rc;
}

/* --- the cross-record checks ---------------------------------------------- */

/* The file name of a reference, "" when none. */
static const char *
ref_file(const struct checker *ch, const struct ref *r)
{
	uint32_t f = ch->pos[rec_pos(ch, r)].file;

	return f != NO_STR ? (const char *)ch->arena + ch->files[f] : "";
}


/*
 * File name, line, kind.  Names, not file indices: the indices follow the
 * order in which a checker met the files, which depends on -j, and the
 * first browse PTR of an instance must be the same for every -j.
 */
static int
ref_cmp(const void *a, const void *b, void *ud)
{
	const struct checker *ch = ud;
	const struct ref *x = a, *y = b;
	uint32_t fx = ch->pos[rec_pos(ch, x)].file;
	uint32_t fy = ch->pos[rec_pos(ch, y)].file;
	int c;

	if (fx != fy && (c = strcmp(ref_file(ch, x), ref_file(ch, y))) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (rec_kind(ch, x) != rec_kind(ch, y))
		return rec_kind(ch, x) < rec_kind(ch, y) ? -1 : 1;
	return 0;
}

/* Presentation form of a wire name (malloc'd, or NULL). */
static char *
name_str(const uint8_t *w, size_t len)
{
	return dname_str(w, len);
}

static void
xref_report(struct checker *ch, const struct ref *r, const struct rec_view *v,
    enum check_id id, enum severity sev, const char *type, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static void
xref_report(struct checker *ch, const struct ref *r, const struct rec_view *v,
    enum check_id id, enum severity sev, const char *type, const char *fmt, ...)
{
	const struct ref_pos *p = &ch->pos[v->pos];
	char msg[1024];
	struct finding f;
	va_list ap;
	char *owner;

	if (CHECK_SET_HAS(p->disabled, id))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	owner = name_str(v->owner, v->olen);
	finding_init(&f, id);
	if (sev != SEV_OFF)
		f.severity = sev;
	f.message = msg;
	f.owner = owner != NULL ? owner : "?";
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

/*
 * Nonzero when the reference comes from a zone file without SOA: a
 * fragment, which cannot know the rest of its zone, so a check that
 * concludes from absence is a note "in this file" (checks.md).  Probe
 * references have no file.
 */
static int
ref_in_fragment(const struct checker *ch, const struct rec_view *v)
{
	return !ch->has_soa && ch->pos[v->pos].file != NO_STR;
}

static void
finish_srv_target(struct checker *ch, const struct ref *r, const struct rec_view *v)
{
	unsigned f = xref_facts(ch, r->key);
	char *t;

	if (f & NF_UNKNOWN)
		return;
	/*
	 * A CNAME beside an address (RFC 1034 section 3.6.2: a CNAME has no
	 * other data) is a zone no server loads, and an SRV whose target
	 * already had its address when it was read kept no reference: which
	 * SRV records did depends on the order and on which -j worker read
	 * what.  So srv-target-cname reports a target that is only an alias,
	 * the same for every -j; the conflict itself is the zone loader's.
	 */
	if ((f & (NF_CNAME | NF_ADDR)) == NF_CNAME) {
		t = name_str(v->target, v->tlen);
		xref_report(ch, r, v, CHECK_SRV_TARGET_CNAME, SEV_OFF, "SRV",
		    "the target %s is an alias (CNAME), which SRV targets must not be: "
		    "point the SRV record at the canonical host name", t ? t : "?");
		free(t);
	} else if (!(f & NF_ADDR) && !target_elsewhere(ch, v->target, v->tlen)) {
		t = name_str(v->target, v->tlen);
		int frag = ref_in_fragment(ch, v);
		xref_report(ch, r, v, CHECK_SRV_TARGET_NO_ADDRESS, frag ? SEV_NOTE : SEV_OFF, "SRV",
		    "the target %s has no A or AAAA record%s: add one, or point "
		    "the SRV record at a host that has them", t ? t : "?",
		    frag ? " in this file" : ch->apex_len ? " in the zone" : "");
		free(t);
	}
}

static void
finish_browse(struct checker *ch, const struct ref *r, const struct rec_view *v,
    struct nametab *seen)
{
	unsigned f = xref_facts(ch, r->key);
	const char *shown;
	char *t;
	int frag;

	/* One finding per instance, on the first PTR that browses it. */
	if (nametab_get(seen, key_of(r->key)) != 0 || nametab_put(seen, key_of(r->key)) == NULL)
		return;
	if ((f & NF_UNKNOWN) || ((f & NF_SRV) && (f & NF_TXT) && !(f & NF_TXT_EMPTY)))
		return;
	t = name_str(v->target, v->tlen);
	shown = t ? t : "?";
	frag = ref_in_fragment(ch, v);
	if (!(f & NF_SRV))
		xref_report(ch, r, v, CHECK_DNSSD_INSTANCE_NO_SRV, frag ? SEV_NOTE : SEV_OFF, "PTR",
		    "the browsed instance %s has no SRV record%s: clients cannot "
		    "reach it; add an SRV record at the instance name", shown,
		    frag ? " in this file" : "");
	if (!(f & (NF_TXT | NF_TXT_EMPTY)))
		xref_report(ch, r, v, CHECK_DNSSD_INSTANCE_NO_TXT, frag ? SEV_NOTE : SEV_OFF, "PTR",
		    "the browsed instance %s has no TXT record%s (RFC 6763 section 6: "
		    "every instance MUST have one): add one, a single empty string "
		    "(\"\") if there is nothing to say", shown, frag ? " in this file" : "");
	else if (f & NF_TXT_EMPTY)
		xref_report(ch, r, v, CHECK_DNSSD_INSTANCE_NO_TXT, SEV_OFF, "PTR",
		    "the browsed instance %s has a zero-length TXT record (RFC 6763 "
		    "section 6.1: MUST NOT): give it a single empty string (\"\") "
		    "at least", shown);
	free(t);
}

/*
 * By owner, then line, then file name: the first reference of an owner is
 * the same however the records were dealt to -j workers (file indices are
 * not: they follow the order in which a checker met the files).
 */
static int
txt_cmp(const void *a, const void *b, void *ud)
{
	const struct checker *ch = ud;
	const struct ref *x = &ch->refs[*(const size_t *)a];
	const struct ref *y = &ch->refs[*(const size_t *)b];
	int c;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if ((c = strcmp(ref_file(ch, x), ref_file(ch, y))) != 0)
		return c;
	return 0;
}

/*
 * txt-size judges an instance on all its TXT records in the zone: sums the
 * sizes of its references (one per run of records, from any checker) into
 * the first one; the others drop to 0.
 */
static void
txt_sum(struct checker *ch)
{
	size_t n = 0, *ix;
	struct rec_view v;

	for (size_t i = 0; i < ch->nrefs; i++)
		n += rec_kind(ch, &ch->refs[i]) == REF_TXT_SIZE;
	if (n < 2)
		return;
	if ((ix = malloc(n * sizeof(*ix))) == NULL) {
		ch->oom = 1;
		return;
	}
	n = 0;
	for (size_t i = 0; i < ch->nrefs; i++)
		if (rec_kind(ch, &ch->refs[i]) == REF_TXT_SIZE)
			ix[n++] = i;
	qsort_r(ix, n, sizeof(*ix), txt_cmp, ch);
	for (size_t i = 0, first = 0; i < n; i++) {
		const struct ref *f = &ch->refs[ix[first]], *r = &ch->refs[ix[i]];
		uint32_t sum, add;
		if (i == first)
			continue;
		if (r->key != f->key) {
			first = i;
			continue;
		}
		rec_read(ch, f, &v);
		sum = v.size;
		rec_read(ch, r, &v);
		add = v.size;
		rec_set_size(ch, f, add > 0xffffffu - sum ? 0xffffffu : sum + add);
		rec_set_size(ch, r, 0);
	}
	free(ix);
}

/*
 * An SRV that waited for its target did not put NF_SRV_REAL on its owner
 * (checker_record): mark it now, for the owners that have a "." SRV.
 */
static void
mark_dot_owners(struct checker *ch)
{
	struct nametab dots;
	struct rec_view v;
	size_t ndots = 0;

	memset(&dots, 0, sizeof(dots));
	for (size_t i = 0; i < ch->nrefs; i++)
		if (rec_kind(ch, &ch->refs[i]) == REF_SRV_DOT) {
			if (nametab_put(&dots, key_of(ch->refs[i].key)) == NULL)
				ch->oom = 1;
			ndots++;
		}
	for (size_t i = 0; ndots > 0 && i < ch->nrefs; i++) {
		uint64_t h;
		if (rec_kind(ch, &ch->refs[i]) != REF_SRV_TARGET)
			continue;
		rec_read(ch, &ch->refs[i], &v);
		h = xref_hash(v.owner, v.olen);
		if (nametab_get(&dots, key_of(h)) != 0)
			(void)xref_fact(ch, h, NF_SRV | NF_SRV_REAL);
	}
	(void)xref_flush(ch);
	nametab_free(&dots);
}

void
checker_finish(struct checker *ch)
{
	struct nametab seen;
	struct rec_view v;

	if (ch == NULL)
		return;
	if (ch->oom) {
		/* Facts or references were lost: any finding could be false. */
		alloc_refused();
		checker_clear(ch);
		return;
	}
	memset(&seen, 0, sizeof(seen));
	xref_txt_flush(ch);
	(void)xref_flush(ch);
	mark_dot_owners(ch);
	txt_sum(ch);
	if (ch->nrefs > 1)
		qsort_r(ch->refs, ch->nrefs, sizeof(struct ref), ref_cmp, ch);
	for (size_t i = 0; i < ch->nrefs; i++) {
		const struct ref *r = &ch->refs[i];
		rec_read(ch, r, &v);
		switch ((enum ref_kind)v.kind) {
		case REF_SRV_TARGET:
			finish_srv_target(ch, r, &v);
			break;
		case REF_SRV_DOT:
			if (xref_facts(ch, r->key) & NF_SRV_REAL)
				xref_report(ch, r, &v, CHECK_SRV_TARGET_DOT_MIXED, SEV_OFF, "SRV",
				    "a \".\" target (service decidedly not available) stands "
				    "beside other SRV records of this owner: remove either "
				    "the \".\" record or the others");
			break;
		case REF_BROWSE:
			finish_browse(ch, r, &v, &seen);
			break;
		case REF_TXT_SIZE:
			if (v.size < TXT_SIZE_NOTE)
				break;
			if (v.size > TXT_SIZE_WARNING)
				xref_report(ch, r, &v, CHECK_TXT_SIZE, SEV_WARNING, "TXT",
				    "the TXT data of this instance is %u bytes, over the "
				    "1300 that RFC 6763 section 6.2 does not recommend: "
				    "move large data elsewhere", (unsigned)v.size);
			else
				xref_report(ch, r, &v, CHECK_TXT_SIZE, SEV_NOTE, "TXT",
				    "the TXT data of this instance is %u bytes; RFC 6763 "
				    "section 6.2 says it should stay under 400: shorten "
				    "or drop keys",
				    (unsigned)v.size);
			break;
		}
	}
	nametab_free(&seen);
	checker_clear(ch);
}
