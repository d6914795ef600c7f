/*
 * namedup.c -- the first finding of each (name, check) passes: see
 * namedup.h.  An open-addressing set of 64-bit hashes of (name_key, check),
 * at most 3/4 full: 8 to 16 bytes a name, 11 to 13 in a large set (the
 * plain shape of bench/zone-bench, 160,000 _www._tcp and unregistered
 * owners on 1M records, costs 2 MB).  Two names whose 64-bit hashes collide would share a finding:
 * about one chance in 10^8 for a zone of a million such names.
 */
#include <stdint.h>
#include <stdlib.h>

#include "alloc.h"
#include "namedup.h"

/*
 * In 64 shards picked by the top bits, each grown on its own (by a quarter
 * once past 4,096 slots, as xref.c's fact table): growing never holds two
 * copies of the whole set, and a large set stays 3/5 to 3/4 full.  One
 * table doubling at once took 48 MiB for a moment for the 10M-record
 * bench zone's 1.6M names with a finding.
 */
#define NAMEDUP_SHARDS 64
#define NAMEDUP_FINE 4096u

struct namedup_shard {
	uint64_t *slot;		/* 0: empty */
	uint32_t n, cap;	/* cap: any, or 0 */
};

struct namedup {
	const struct sink *out;
	struct namedup_shard shard[NAMEDUP_SHARDS];
};

struct namedup *
namedup_create(const struct sink *out)
{
	struct namedup *d = calloc(1, sizeof(*d));

	if (d != NULL)
		d->out = out;
	return d;
}

void
namedup_destroy(struct namedup *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < NAMEDUP_SHARDS; i++)
		alloc_pages_free(d->shard[i].slot, (size_t)d->shard[i].cap * sizeof(uint64_t));
	free(d);
}

/* Never 0, the empty slot. */
static uint64_t
key_of(uint64_t name_key, unsigned check)
{
	uint64_t h = (name_key ^ ((uint64_t)check * 0x9e3779b97f4a7c15u)) * 0xff51afd7ed558ccdu;

	h ^= h >> 32;
	return h != 0 ? h : 1;
}

/* k's slot in s: bits 6-37 of k as a fraction of the capacity, then the next free. */
static uint64_t *
find(const struct namedup_shard *s, uint64_t k)
{
	size_t i = (size_t)(((k >> 6) & 0xffffffffu) * s->cap >> 32);

	while (s->slot[i] != 0 && s->slot[i] != k)
		if (++i == s->cap)
			i = 0;
	return &s->slot[i];
}

static int
grow(struct namedup_shard *s)
{
	uint32_t ncap;
	struct namedup_shard n;

	if (4 * ((size_t)s->n + 1) <= 3 * (size_t)s->cap)
		return 0;
	ncap = s->cap == 0 ? 64 : s->cap < NAMEDUP_FINE ? s->cap * 2 : s->cap + s->cap / 4;
	if (ncap <= s->cap || (n.slot = alloc_pages((size_t)ncap * sizeof(uint64_t))) == NULL)
		return -1;
	n.cap = ncap;
	n.n = s->n;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i] != 0)
			*find(&n, s->slot[i]) = s->slot[i];
	alloc_pages_free(s->slot, (size_t)s->cap * sizeof(uint64_t));
	*s = n;
	return 0;
}

void
namedup_emit(void *ud, const struct finding *f)
{
	struct namedup *d = ud;

	if (f->name_key != 0) {
		uint64_t k = key_of(f->name_key, (unsigned)f->check);
		struct namedup_shard *s = &d->shard[k >> 58];
		if (grow(s) == 0) {
			uint64_t *slot = find(s, k);
			if (*slot != 0)
				return;		/* this name's finding was reported */
			*slot = k;
			s->n++;
		}
	}
	sink_emit(d->out, f);
}
