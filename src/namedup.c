/*
 * namedup.c -- the first finding of each (name, check) passes: see
 * namedup.h.  An open-addressing set of 64-bit hashes of (name_key, check),
 * at most 3/4 full: 8 to 16 bytes a name (the plain shape of
 * bench/zone-bench, 160,000 _www._tcp and unregistered owners on 1M records,
 * costs 2 MB).  Two names whose 64-bit hashes collide would share a finding:
 * about one chance in 10^8 for a zone of a million such names.
 */
#include <stdint.h>
#include <stdlib.h>

#include "alloc.h"
#include "namedup.h"

struct namedup {
	const struct sink *out;
	uint64_t *slot;		/* 0: empty */
	size_t n, cap;		/* cap: power of two, or 0 */
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
	alloc_pages_free(d->slot, d->cap * sizeof(*d->slot));
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

static uint64_t *
find(uint64_t *slot, size_t cap, uint64_t k)
{
	size_t i = (size_t)(k >> 7) & (cap - 1);

	while (slot[i] != 0 && slot[i] != k)
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

static int
grow(struct namedup *d)
{
	size_t ncap = d->cap ? d->cap * 2 : 1024;
	uint64_t *ns;

	if (4 * (d->n + 1) <= 3 * d->cap)
		return 0;
	if ((ns = alloc_pages(ncap * sizeof(*ns))) == NULL)
		return -1;
	for (size_t i = 0; i < d->cap; i++)
		if (d->slot[i] != 0)
			*find(ns, ncap, d->slot[i]) = d->slot[i];
	alloc_pages_free(d->slot, d->cap * sizeof(*d->slot));
	d->slot = ns;
	d->cap = ncap;
	return 0;
}

void
namedup_emit(void *ud, const struct finding *f)
{
	struct namedup *d = ud;

	if (f->name_key != 0 && grow(d) == 0) {
		uint64_t k = key_of(f->name_key, (unsigned)f->check), *s = find(d->slot, d->cap, k);
		if (*s != 0)
			return;		/* this name's finding was reported */
		*s = k;
		d->n++;
	}
	sink_emit(d->out, f);
}
