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

static uint64_t lower8(uint64_t w);

int
xref_ci_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	size_t i = 0;

	/* Eight bytes at a time: equal as they are, or equal lowered. */
	for (; i + 8 <= n; i += 8) {
		uint64_t x, y;
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y && lower8(x) != lower8(y))
			return 0;
	}
	for (; i < n; i++)
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
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		if (len >= 8) {
			/* the last eight bytes, those already taken shifted out: no call */
			memcpy(&v, w + len - 8, 8);
			v >>= 8 * (8 - (len - i));
		} else
#endif
		{
			v = 0;
			memcpy(&v, w + i, len - i);
		}
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


/*
 * A key's home slot: bits 8-39 of the key as a fraction of the capacity
 * (any capacity, not only powers of two: from SHARD_FINE slots on, shards
 * grow by a quarter, which keeps a table between 3/5 and 3/4 full, 11-13
 * bytes a name, where doubling left it anywhere between 3/8 and 3/4, 11-21
 * bytes: 500k names took 8 MiB).
 */
static size_t
home_of(uint32_t cap, uint64_t key)
{
	return (size_t)(((key >> 8) & 0xffffffffu) * cap >> 32);
}

static size_t
slot_of(const struct nametab_shard *s, uint64_t key)
{
	size_t i = home_of(s->cap, key);

	while (s->slot[i] != 0 && (s->slot[i] & KEY_MASK) != key)
		if (++i == s->cap)
			i = 0;
	return i;
}

/* Shards double up to this many slots (32 KiB: 256k names in all), then grow by a quarter. */
#define SHARD_FINE 4096u

static int
shard_grow(struct nametab_shard *s)
{
	uint32_t ncap = s->cap == 0 ? 64 : s->cap < SHARD_FINE ? s->cap * 2 : s->cap + s->cap / 4;
	struct nametab_shard n = { NULL, ncap, s->count };

	if (ncap <= s->cap || (n.slot = alloc_pages((size_t)ncap * sizeof(uint64_t))) == NULL)
		return -1;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i] != 0)
			n.slot[slot_of(&n, s->slot[i] & KEY_MASK)] = s->slot[i];
	alloc_pages_free(s->slot, (size_t)s->cap * sizeof(uint64_t));
	*s = n;
	return 0;
}

/*
 * Moves the names of src into dst, ORing their facts, and frees src's
 * slots.  The smaller shard goes into the larger, which is first grown to
 * hold both: a shard's slots are in home order, and putting them one by
 * one into a table still growing (a worker that checked few records) laid
 * them all in one cluster at its start, each put walking the whole of it
 * (quadratic: at -j 2 under valgrind the merge took 5.9G instructions,
 * 56% of the run, where the records took 4.6G).  Returns -1 when out of
 * memory: the merge then fails the run (exit 2), as names may be lost.
 */
static int
shard_merge(struct nametab_shard *dst, struct nametab_shard *src)
{
	struct nametab_shard t;

	if (src->count > dst->count) {
		t = *dst;
		*dst = *src;
		*src = t;
	}
	while ((dst->count + src->count) * 4 > (size_t)dst->cap * 3)
		if (shard_grow(dst) != 0)
			return -1;
	for (size_t i = 0; i < src->cap; i++) {
		uint64_t v = src->slot[i];
		size_t j;
		if (v == 0)
			continue;
		j = slot_of(dst, v & KEY_MASK);
		if (dst->slot[j] == 0)
			dst->count++;
		dst->slot[j] |= v;
	}
	alloc_pages_free(src->slot, (size_t)src->cap * sizeof(uint64_t));
	memset(src, 0, sizeof(*src));
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
		__builtin_prefetch(&s->slot[home_of(s->cap, key)], 1);
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

/* Room for len more bytes in a byte array; 0, or -1 when out of memory. */
static int
bytes_room(uint8_t **buf, size_t *blen, size_t *bcap, size_t len)
{
	while (*blen + len > *bcap) {
		size_t ncap = *bcap != 0 ? *bcap * 2 : 4096;
		uint8_t *p;
		if (ncap > 0xfffffff0u) {
			alloc_refused();	/* offsets are 32 bits: a failure, never a pass */
			return -1;
		}
		p = alloc_pages_resize(*buf, *bcap, ncap);
		if (p == NULL)
			return -1;
		*buf = p;
		*bcap = ncap;
	}
	return 0;
}

/* Appends len bytes to the buffer; returns their offset, or NO_STR. */
static uint32_t
bytes_put(uint8_t **buf, size_t *blen, size_t *bcap, const void *data, size_t len)
{
	uint32_t off;

	if (bytes_room(buf, blen, bcap, len) != 0)
		return NO_STR;
	off = (uint32_t)*blen;
	memcpy(*buf + off, data, len);
	*blen += len;
	return off;
}

/* Copies len bytes into a list's records; returns their offset, or NO_STR. */
static uint32_t
arena_put(struct reflist *L, const void *data, size_t len)
{
	return bytes_put(&L->arena, &L->alen, &L->acap, data, len);
}

/* Copies a NUL-terminated string into the strings; its offset, or NO_STR. */
static uint32_t
strs_put(struct checker *ch, const char *s)
{
	return bytes_put(&ch->strs, &ch->slen, &ch->scap, s, strlen(s) + 1);
}

static uint32_t
intern_file(struct checker *ch, const char *file)
{
	for (size_t i = 0; i < ch->nfiles; i++)
		if (strcmp((const char *)ch->strs + ch->files[i], file) == 0)
			return (uint32_t)i;
	if (grow((void **)&ch->files, &ch->capfiles, ch->nfiles, sizeof(uint32_t)) != 0)
		return NO_STR;
	ch->files[ch->nfiles] = strs_put(ch, file);
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
	p.domain = pos->domain != NULL ? strs_put(ch, pos->domain) : NO_STR;
	if ((pos->file != NULL && p.file == NO_STR) || (pos->domain != NULL && p.domain == NO_STR))
		return NO_STR;
	if (grow((void **)&ch->pos, &ch->cappos, ch->npos, sizeof(p)) != 0)
		return NO_STR;
	ch->pos[ch->npos] = p;
	ch->last_pos = *pos;
	ch->last_pos_src = pos;
	return (uint32_t)ch->npos++;
}

/* Appends a name: relative to the apex when it lies inside (returns 1), else whole. */
static int
put_name(const struct checker *ch, struct reflist *L, const uint8_t *w, size_t len,
    uint32_t *off)
{
	static const uint8_t root = 0;
	struct dname d;

	/* Only when the apex part is byte for byte the apex: names keep their case. */
	if (ch->apex_len != 0 && xref_dname_parse(&d, w, len) == 0 && xref_inside(ch, &d) &&
	    memcmp(w + len - ch->apex_len, ch->apex, ch->apex_len) == 0) {
		size_t rl = len - ch->apex_len;
		if ((rl > 0 && arena_put(L, w, rl) == NO_STR) ||
		    arena_put(L, &root, 1) == NO_STR)
			*off = NO_STR;
		return 1;
	}
	if (arena_put(L, w, len) == NO_STR)
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

/* Nonzero when owner is, byte for byte, target without its first label. */
static int
owner_is_tgt1(const uint8_t *owner, size_t olen, const uint8_t *target, size_t tlen)
{
	return tlen > 1 && target[0] != 0 && 1u + target[0] < tlen &&
	    tlen - 1u - target[0] == olen && memcmp(target + 1 + target[0], owner, olen) == 0;
}

static void xref_sweep(struct checker *ch);

void
xref_add(struct checker *ch, enum ref_kind kind, uint64_t key,
    const struct rr_pos *pos, unsigned long line,
    const uint8_t *owner, size_t owner_len,
    const uint8_t *target, size_t target_len, uint32_t size)
{
	static const uint8_t ext[REC_EXT_LEN];
	struct ref r;
	uint32_t pi, off = 0;
	uint8_t hdr[4];
	struct reflist *L = kind == REF_SRV_TARGET ? &ch->srvs : &ch->refs;
	size_t start = L->alen;
	int k = -1;

	/*
	 * Full: first drop what can no longer be reported, and grow only when
	 * that freed less than half, so that each reference is swept a bounded
	 * number of times.
	 */
	if (L == &ch->srvs && L->n == L->cap && L->n >= REF_SWEEP_MIN) {
		xref_sweep(ch);
		if (L->n > L->cap / 2 && grow((void **)&L->refs, &L->cap, L->cap, sizeof(r)) != 0)
			goto oom;
	}
	if (grow((void **)&L->refs, &L->cap, L->n, sizeof(r)) != 0)
		goto oom;
	pi = intern_pos(ch, pos);
	if (pi == NO_STR || pi > 0xffffffu)
		goto oom;
	start = L->alen;
	hdr[0] = (uint8_t)kind;
	hdr[1] = (uint8_t)(pi >> 16);
	hdr[2] = (uint8_t)(pi >> 8);
	hdr[3] = (uint8_t)pi;
	if (arena_put(L, hdr, 4) == NO_STR)
		goto oom;
	if (kind == REF_BROWSE && target != NULL &&
	    owner_is_tgt1(owner, owner_len, target, target_len)) {
		/* <Instance>.<type> browsed from <type>: the owner is kept once. */
		L->arena[start] |= REC_OWNER_TGT1;
		if (put_name(ch, L, target, target_len, &off))
			L->arena[start] |= REC_TGT_REL;
	} else {
		if (put_name(ch, L, owner, owner_len, &off))
			L->arena[start] |= REC_OWNER_REL;
		if (kind == REF_TXT_SIZE) {
			uint8_t sz[4] = { (uint8_t)(size >> 24), (uint8_t)(size >> 16),
			    (uint8_t)(size >> 8), (uint8_t)size };
			if (arena_put(L, sz, 4) == NO_STR)
				off = NO_STR;
		} else if (target == NULL) {
			L->arena[start] |= REC_TGT_NONE;
		} else if ((k = suffix_index(owner, owner_len, target, target_len)) >= 0) {
			uint8_t kb = (uint8_t)k;
			L->arena[start] |= REC_TGT_SUFFIX;
			if (arena_put(L, &kb, 1) == NO_STR)
				off = NO_STR;
		} else if (put_name(ch, L, target, target_len, &off)) {
			L->arena[start] |= REC_TGT_REL;
		}
	}
	/* A browse record has room for its instance's TXT run (xref_txt_flush). */
	if (kind == REF_BROWSE && arena_put(L, ext, sizeof(ext)) == NO_STR)
		off = NO_STR;
	if (off == NO_STR)
		goto oom;
	r.key = key_of(key) | (uint64_t)kind;
	r.line = line > 0xffffffffUL ? 0xffffffffu : (uint32_t)line;
	r.rec = (uint32_t)start;
	if (kind == REF_BROWSE) {
		ch->recent[(r.key >> 8) % RECENT_N].key = r.key;
		ch->recent[(r.key >> 8) % RECENT_N].ref = (uint32_t)L->n;
	}
	L->refs[L->n++] = r;
	return;
oom:
	L->alen = start;
	ch->oom = 1;
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
	uint32_t ext;		/* REF_BROWSE: arena offset of its TXT run */
	uint32_t tline, tsize;	/* REF_BROWSE: that run (tsize 0: none) */
	uint32_t end;		/* arena offset after the record */
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

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
rec_read(const struct checker *ch, const struct reflist *L, const struct ref *r,
    struct rec_view *v)
{
	const uint8_t *h = L->arena + r->rec, *p = h + 4;
	unsigned flags = h[0];
	struct dname d;
	size_t sl;

	v->kind = flags & REC_KIND;
	v->pos = (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
	v->tlen = 0;
	v->size = 0;
	v->ext = 0;
	v->tline = v->tsize = 0;
	if (flags & REC_OWNER_TGT1) {
		p += get_name(ch, p, (flags & REC_TGT_REL) != 0, v->target, &v->tlen);
		v->olen = v->tlen - 1u - v->target[0];
		memcpy(v->owner, v->target + 1 + v->target[0], v->olen);
	} else {
		p += get_name(ch, p, (flags & REC_OWNER_REL) != 0, v->owner, &v->olen);
		if (v->kind == REF_TXT_SIZE) {
			v->size = get32(p);
			p += 4;
		} else if (flags & REC_TGT_NONE) {
			/* no target */
		} else if (flags & REC_TGT_SUFFIX) {
			if (xref_dname_parse(&d, v->owner, v->olen) == 0 && p[0] <= d.n) {
				const uint8_t *t = dname_suffix(&d, p[0], &sl);
				memcpy(v->target, t, sl);
				v->tlen = sl;
			}
			p++;
		} else {
			p += get_name(ch, p, (flags & REC_TGT_REL) != 0, v->target, &v->tlen);
		}
	}
	if (v->kind == REF_BROWSE) {
		v->ext = (uint32_t)(p - L->arena);
		v->tline = get32(p);
		v->tsize = (uint32_t)p[4] << 16 | (uint32_t)p[5] << 8 | p[6];
		p += REC_EXT_LEN;
	}
	v->end = (uint32_t)(p - L->arena);
}

/*
 * Puts the TXT run t into the browse record of its instance, when one was
 * made lately in this checker with the same names and place: the run then
 * costs no reference of its own (and no second copy of the instance).
 */
static int
txt_join(struct checker *ch, const struct txt_acc *t)
{
	uint64_t k = key_of(t->key) | REF_BROWSE;
	size_t slot = (k >> 8) % RECENT_N;
	struct rec_view v;
	uint32_t pi;
	uint8_t *p;

	if (ch->recent[slot].key != k || ch->recent[slot].ref >= ch->refs.n ||
	    ch->refs.refs[ch->recent[slot].ref].key != k)
		return 0;
	if ((pi = intern_pos(ch, &t->pos)) == NO_STR)
		return 0;
	rec_read(ch, &ch->refs, &ch->refs.refs[ch->recent[slot].ref], &v);
	if (v.pos != pi || v.tsize != 0 || v.tlen != t->owner_len ||
	    memcmp(v.target, t->owner, v.tlen) != 0)
		return 0;
	p = ch->refs.arena + v.ext;
	p[0] = (uint8_t)(t->line >> 24);
	p[1] = (uint8_t)(t->line >> 16);
	p[2] = (uint8_t)(t->line >> 8);
	p[3] = (uint8_t)t->line;
	p[4] = (uint8_t)(t->size >> 16);
	p[5] = (uint8_t)(t->size >> 8);
	p[6] = (uint8_t)t->size;
	ch->recent[slot].key = 0;
	return 1;
}

void
xref_txt_flush(struct checker *ch)
{
	struct txt_acc *t = &ch->txt;

	if (t->key != 0 && (t->line > 0xffffffffUL || !txt_join(ch, t)))
		xref_add(ch, REF_TXT_SIZE, t->key, &t->pos, t->line,
		    t->owner, t->owner_len, NULL, 0, t->size);
	t->key = 0;
}

/*
 * Drops the references that no fact to come can make report: an SRV whose
 * target has an address (or is unknown), and moves the records that stay
 * down over the gaps (the arena holds records only, in reference order).
 * A dropped SRV puts NF_SRV_REAL on its owner, as one that never waited.
 */
static void
xref_sweep(struct checker *ch)
{
	struct reflist *L = &ch->srvs;
	struct rec_view v;
	size_t w = 0;
	uint32_t at = 0;

	(void)xref_flush(ch);
	for (size_t i = 0; i < L->n; i++) {
		struct ref r = L->refs[i];
		uint32_t len;
		rec_read(ch, L, &r, &v);
		len = v.end - r.rec;
		if (xref_facts(ch, r.key) & (NF_ADDR | NF_UNKNOWN)) {
			(void)xref_fact(ch, xref_hash(v.owner, v.olen), NF_SRV | NF_SRV_REAL);
			continue;
		}
		if (at != r.rec)
			memmove(L->arena + at, L->arena + r.rec, len);
		r.rec = at;
		at += len;
		L->refs[w++] = r;
	}
	(void)xref_flush(ch);
	L->n = w;
	L->alen = at;
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

static void
reflist_free(struct reflist *L)
{
	alloc_pages_free(L->refs, L->cap * sizeof(*L->refs));
	alloc_pages_free(L->arena, L->acap);
	memset(L, 0, sizeof(*L));
}

/* Frees every fact and reference, leaving ch empty and usable. */
static void
checker_clear(struct checker *ch)
{
	nametab_free(&ch->names);
	ch->npend = 0;
	reflist_free(&ch->refs);
	reflist_free(&ch->srvs);
	alloc_pages_free(ch->pos, ch->cappos * sizeof(*ch->pos));
	alloc_pages_free(ch->files, ch->capfiles * sizeof(*ch->files));
	alloc_pages_free(ch->strs, ch->scap);
	ch->pos = NULL, ch->npos = ch->cappos = 0;
	ch->files = NULL, ch->nfiles = ch->capfiles = 0;
	ch->strs = NULL, ch->slen = ch->scap = 0;
	ch->last_pos_src = NULL;
	ch->txt.key = 0;
	ch->has_soa = 0;
	memset(ch->recent, 0, sizeof(ch->recent));
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

/* Bytes a merge copies before it gives the copied part of src back. */
#define MERGE_STEP ((size_t)1 << 20)

/*
 * Moves the references of S to the end of D, their records whole (offsets
 * shift by abase, pos indices by pbase), a step at a time, each step's
 * pages of S given back once copied: a merge holds one copy of them, not
 * two.  0, or -1 when out of memory.
 */
static int
merge_list(struct checker *dst, struct reflist *D, struct reflist *S, uint32_t pbase)
{
	uint32_t abase = (uint32_t)D->alen;
	size_t ncap;

	(void)dst;
	if (bytes_room(&D->arena, &D->alen, &D->acap, S->alen) != 0)
		return -1;
	for (size_t o = 0; o < S->alen; o += MERGE_STEP) {
		size_t n = S->alen - o < MERGE_STEP ? S->alen - o : MERGE_STEP;
		memcpy(D->arena + D->alen + o, S->arena + o, n);
		alloc_pages_release(S->arena, S->acap, o, n);
	}
	D->alen += S->alen;
	for (ncap = D->cap ? D->cap : 64; ncap < D->n + S->n; ncap *= 2)
		;
	if (ncap != D->cap) {
		struct ref *p = alloc_pages_resize(D->refs, D->cap * sizeof(*p), ncap * sizeof(*p));
		if (p == NULL)
			return -1;
		D->refs = p;
		D->cap = ncap;
	}
	for (size_t i = 0; i < S->n; i++) {
		struct ref r = S->refs[i];
		uint8_t *h;
		uint32_t pi;
		r.rec += abase;
		h = D->arena + r.rec;
		pi = ((uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3]) + pbase;
		h[1] = (uint8_t)(pi >> 16);
		h[2] = (uint8_t)(pi >> 8);
		h[3] = (uint8_t)pi;
		D->refs[D->n++] = r;
		if ((i + 1) % (MERGE_STEP / sizeof(r)) == 0)
			alloc_pages_release(S->refs, S->cap * sizeof(r),
			    (i + 1 - MERGE_STEP / sizeof(r)) * sizeof(r), MERGE_STEP);
	}
	return 0;
}

int
checker_merge(struct checker *dst, struct checker *src)
{
	uint32_t pbase, sbase;
	uint32_t *fmap = NULL;
	int rc = -1;

	if (dst == NULL || src == NULL || dst == src)
		return dst == src ? 0 : -1;
	xref_txt_flush(src);
	(void)xref_flush(src);
	if (xref_flush(dst) != 0)
		goto out;
	/* Shard by shard, freeing each: never two copies of the names. */
	for (size_t k = 0; k < NAMETAB_SHARDS; k++)
		if (shard_merge(&dst->names.shard[k], &src->names.shard[k]) != 0)
			goto out;
	fmap = calloc(src->nfiles + 1, sizeof(*fmap));
	if (fmap == NULL)
		goto out;
	for (size_t i = 0; i < src->nfiles; i++) {
		fmap[i] = intern_file(dst, (const char *)src->strs + src->files[i]);
		if (fmap[i] == NO_STR)
			goto out;
	}
	sbase = (uint32_t)dst->slen;
	if (bytes_room(&dst->strs, &dst->slen, &dst->scap, src->slen) != 0)
		goto out;
	if (src->slen > 0)
		memcpy(dst->strs + dst->slen, src->strs, src->slen);
	dst->slen += src->slen;
	pbase = (uint32_t)dst->npos;
	for (size_t i = 0; i < src->npos; i++) {
		struct ref_pos p = src->pos[i];
		if (grow((void **)&dst->pos, &dst->cappos, dst->npos, sizeof(p)) != 0)
			goto out;
		p.file = p.file != NO_STR ? fmap[p.file] : NO_STR;
		p.domain = p.domain != NO_STR ? p.domain + sbase : NO_STR;
		dst->pos[dst->npos++] = p;
	}
	if (dst->npos > 0xffffffu)
		goto out;
	if (merge_list(dst, &dst->refs, &src->refs, pbase) != 0 ||
	    merge_list(dst, &dst->srvs, &src->srvs, pbase) != 0)
		goto out;
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

/* The file name of an interned pos, "" when none. */
static const char *
pos_file(const struct checker *ch, uint32_t pos)
{
	uint32_t f = ch->pos[pos].file;

	return f != NO_STR ? (const char *)ch->strs + ch->files[f] : "";
}

/* Presentation form of a wire name (malloc'd, or NULL). */
static char *
name_str(const uint8_t *w, size_t len)
{
	return dname_str(w, len);
}

static void
xref_report(struct checker *ch, uint32_t pos, uint32_t line, const uint8_t *ow, size_t olen,
    enum check_id id, enum severity sev, const char *type, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));

static void
xref_report(struct checker *ch, uint32_t pos, uint32_t line, const uint8_t *ow, size_t olen,
    enum check_id id, enum severity sev, const char *type, const char *fmt, ...)
{
	const struct ref_pos *p = &ch->pos[pos];
	char msg[1024];
	struct finding f;
	va_list ap;
	char *owner;

	if (CHECK_SET_HAS(p->disabled, id))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	owner = name_str(ow, olen);
	finding_init(&f, id);
	if (sev != SEV_OFF)
		f.severity = sev;
	f.message = msg;
	f.owner = owner != NULL ? owner : "?";
	f.type = type;
	f.file = p->file != NO_STR ? (const char *)ch->strs + ch->files[p->file] : NULL;
	f.line = line;
	f.domain = p->domain != NO_STR ? (const char *)ch->strs + p->domain : NULL;
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
		xref_report(ch, v->pos, r->line, v->owner, v->olen, CHECK_SRV_TARGET_CNAME,
		    SEV_OFF, "SRV",
		    "the target %s is an alias (CNAME), which SRV targets must not be: "
		    "point the SRV record at the canonical host name", t ? t : "?");
		free(t);
	} else if (!(f & NF_ADDR) && !target_elsewhere(ch, v->target, v->tlen)) {
		t = name_str(v->target, v->tlen);
		int frag = ref_in_fragment(ch, v);
		xref_report(ch, v->pos, r->line, v->owner, v->olen, CHECK_SRV_TARGET_NO_ADDRESS,
		    frag ? SEV_NOTE : SEV_OFF, "SRV",
		    "the target %s has no A or AAAA record%s: add one, or point "
		    "the SRV record at a host that has them", t ? t : "?",
		    frag ? " in this file" : ch->apex_len ? " in the zone" : "");
		free(t);
	}
}

/* One finding per instance, on the first PTR that browses it (r, v). */
static void
finish_browse(struct checker *ch, const struct ref *r, const struct rec_view *v)
{
	unsigned f = xref_facts(ch, r->key);
	const char *shown;
	char *t;
	int frag;

	if ((f & NF_UNKNOWN) || ((f & NF_SRV) && (f & NF_TXT) && !(f & NF_TXT_EMPTY)))
		return;
	t = name_str(v->target, v->tlen);
	shown = t ? t : "?";
	frag = ref_in_fragment(ch, v);
	if (!(f & NF_SRV))
		xref_report(ch, v->pos, r->line, v->owner, v->olen, CHECK_DNSSD_INSTANCE_NO_SRV,
		    frag ? SEV_NOTE : SEV_OFF, "PTR",
		    "the browsed instance %s has no SRV record%s: clients cannot "
		    "reach it; add an SRV record at the instance name", shown,
		    frag ? " in this file" : "");
	if (!(f & (NF_TXT | NF_TXT_EMPTY)))
		xref_report(ch, v->pos, r->line, v->owner, v->olen, CHECK_DNSSD_INSTANCE_NO_TXT,
		    frag ? SEV_NOTE : SEV_OFF, "PTR",
		    "the browsed instance %s has no TXT record%s (RFC 6763 section 6: "
		    "every instance MUST have one): add one, a single empty string "
		    "(\"\") if there is nothing to say", shown, frag ? " in this file" : "");
	else if (f & NF_TXT_EMPTY)
		xref_report(ch, v->pos, r->line, v->owner, v->olen, CHECK_DNSSD_INSTANCE_NO_TXT,
		    SEV_OFF, "PTR",
		    "the browsed instance %s has a zero-length TXT record (RFC 6763 "
		    "section 6.1: MUST NOT): give it a single empty string (\"\") "
		    "at least", shown);
	free(t);
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
	for (size_t i = 0; i < ch->refs.n; i++)
		if ((ch->refs.refs[i].key & 0xff) == REF_SRV_DOT) {
			if (nametab_put(&dots, ch->refs.refs[i].key & KEY_MASK) == NULL)
				ch->oom = 1;
			ndots++;
		}
	for (size_t i = 0; ndots > 0 && i < ch->srvs.n; i++) {
		uint64_t h;
		rec_read(ch, &ch->srvs, &ch->srvs.refs[i], &v);
		h = xref_hash(v.owner, v.olen);
		if (nametab_get(&dots, key_of(h)) != 0)
			(void)xref_fact(ch, h, NF_SRV | NF_SRV_REAL);
	}
	(void)xref_flush(ch);
	nametab_free(&dots);
}

static void
ref_sift(struct ref *a, size_t k, size_t n)
{
	struct ref t;

	for (size_t c; (c = 2 * k + 1) < n; k = c) {
		if (c + 1 < n && a[c + 1].key > a[c].key)
			c++;
		if (a[k].key >= a[c].key)
			break;
		t = a[k], a[k] = a[c], a[c] = t;
	}
}

/* Sorts refs by key (the name's, then the kind) in place: no copy of them. */
static void
ref_sort(struct ref *a, size_t n, int depth)
{
	struct ref t;

	while (n > 16) {
		uint64_t x = a[0].key, y = a[n / 2].key, z = a[n - 1].key, p;
		size_t i = 0, j = n - 1;

		if (depth-- == 0) {
			/* Quicksort gone deep: a heap sort of what is left. */
			for (size_t k = n / 2; k > 0; k--)
				ref_sift(a, k - 1, n);
			for (size_t e = n - 1; e > 0; e--) {
				t = a[0], a[0] = a[e], a[e] = t;
				ref_sift(a, 0, e);
			}
			return;
		}
		p = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
		for (;;) {
			while (a[i].key < p)
				i++;
			while (a[j].key > p)
				j--;
			if (i >= j)
				break;
			t = a[i], a[i] = a[j], a[j] = t;
			i++;
			j--;
		}
		/* [0, j] and [j + 1, n): the smaller one by recursion. */
		if (j + 1 < n - j - 1) {
			ref_sort(a, j + 1, depth);
			a += j + 1;
			n -= j + 1;
		} else {
			ref_sort(a + j + 1, n - j - 1, depth);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++) {
		size_t k = i;
		t = a[i];
		for (; k > 0 && a[k - 1].key > t.key; k--)
			a[k] = a[k - 1];
		a[k] = t;
	}
}

/* Orders names byte for byte, case kept: length first, then the bytes. */
static int
bytes_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	if (alen != blen)
		return alen < blen ? -1 : 1;
	return memcmp(a, b, alen);
}

/*
 * Where file, line and name's hash agree, two references can still differ
 * in the case of their names: a file included twice under origins spelled
 * "example.com." and "example.cOm." gives two records at one FILE:LINE.
 * The one reported is then the least owner, then target, byte for byte,
 * not whichever a -j worker happened to hand over first.
 */
static int
view_text_cmp(const struct rec_view *a, const struct rec_view *b)
{
	int c = bytes_cmp(a->owner, a->olen, b->owner, b->olen);

	return c != 0 ? c : bytes_cmp(a->target, a->tlen, b->target, b->tlen);
}

/* a before b: by file name, then line, then view_text_cmp. */
static int
browse_first(const struct checker *ch, const struct rec_view *a, uint32_t aline,
    const struct rec_view *b, uint32_t bline)
{
	int c = a->pos == b->pos ? 0 : strcmp(pos_file(ch, a->pos), pos_file(ch, b->pos));

	if (c != 0)
		return c < 0;
	if (aline != bline)
		return aline < bline;
	return view_text_cmp(a, b) < 0;
}

/* a before b: by line, then file name, then view_text_cmp. */
static int
txt_first(const struct checker *ch, const struct rec_view *a, uint32_t aline,
    const struct rec_view *b, uint32_t bline)
{
	int c;

	if (aline != bline)
		return aline < bline;
	c = a->pos == b->pos ? 0 : strcmp(pos_file(ch, a->pos), pos_file(ch, b->pos));
	if (c != 0)
		return c < 0;
	return view_text_cmp(a, b) < 0;
}

/*
 * The references of one name (refs[a, b), sorted by kind): each SRV on
 * its own; one browse finding, on the first PTR by file name then line;
 * txt-size on the sum of the instance's TXT runs, at the first run by line
 * then file name.  These orders do not depend on which -j worker read what.
 */
static void
finish_name(struct checker *ch, size_t a, size_t b)
{
	struct rec_view v, fb, ft;
	const struct ref *rb = NULL;
	uint32_t tline = 0, sum = 0;
	int have_txt = 0;

	for (size_t i = a; i < b; i++) {
		const struct ref *r = &ch->refs.refs[i];
		uint32_t line, size;
		rec_read(ch, &ch->refs, r, &v);
		switch ((enum ref_kind)v.kind) {
		case REF_SRV_TARGET:
			finish_srv_target(ch, r, &v);
			continue;
		case REF_SRV_DOT:
			if (xref_facts(ch, r->key) & NF_SRV_REAL)
				xref_report(ch, v.pos, r->line, v.owner, v.olen,
				    CHECK_SRV_TARGET_DOT_MIXED, SEV_OFF, "SRV",
				    "a \".\" target (service decidedly not available) stands "
				    "beside other SRV records of this owner: remove either "
				    "the \".\" record or the others");
			continue;
		case REF_BROWSE:
			if (rb == NULL || browse_first(ch, &v, r->line, &fb, rb->line)) {
				rb = r;
				fb = v;
			}
			if (v.tsize == 0)
				continue;
			/* The instance's TXT run kept in its browse record. */
			line = v.tline;
			size = v.tsize;
			memcpy(v.owner, v.target, v.tlen);
			v.olen = v.tlen;
			break;
		case REF_TXT_SIZE:
			line = r->line;
			size = v.size;
			break;
		default:
			continue;
		}
		sum = size > 0xffffffu - sum ? 0xffffffu : sum + size;
		if (!have_txt || txt_first(ch, &v, line, &ft, tline)) {
			have_txt = 1;
			tline = line;
			ft = v;
		}
	}
	if (rb != NULL)
		finish_browse(ch, rb, &fb);
	if (!have_txt || sum < TXT_SIZE_NOTE)
		return;
	if (sum > TXT_SIZE_WARNING)
		xref_report(ch, ft.pos, tline, ft.owner, ft.olen, CHECK_TXT_SIZE, SEV_WARNING, "TXT",
		    "the TXT data of this instance is %u bytes, over the "
		    "1300 that RFC 6763 section 6.2 does not recommend: "
		    "move large data elsewhere", (unsigned)sum);
	else
		xref_report(ch, ft.pos, tline, ft.owner, ft.olen, CHECK_TXT_SIZE, SEV_NOTE, "TXT",
		    "the TXT data of this instance is %u bytes; RFC 6763 "
		    "section 6.2 says it should stay under 400: shorten "
		    "or drop keys",
		    (unsigned)sum);
}

void
checker_finish(struct checker *ch)
{
	if (ch == NULL)
		return;
	if (ch->oom) {
		/* Facts or references were lost: any finding could be false. */
		alloc_refused();
		checker_clear(ch);
		return;
	}
	xref_txt_flush(ch);
	(void)xref_flush(ch);
	mark_dot_owners(ch);
	for (size_t i = 0; i < ch->srvs.n; i++) {
		struct rec_view v;
		rec_read(ch, &ch->srvs, &ch->srvs.refs[i], &v);
		finish_srv_target(ch, &ch->srvs.refs[i], &v);
	}
	ref_sort(ch->refs.refs, ch->refs.n, 64);
	for (size_t i = 0, j; i < ch->refs.n; i = j) {
		uint64_t k = ch->refs.refs[i].key & KEY_MASK;
		for (j = i + 1; j < ch->refs.n && (ch->refs.refs[j].key & KEY_MASK) == k; j++)
			;
		finish_name(ch, i, j);
	}
	checker_clear(ch);
}
