/*
 * fingerprint.c -- fingerprints of findings: SHA-256 (ldns) of the parts
 * that name a finding, plus an occurrence number where two findings of a
 * run share those parts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/sha2.h>

#include "fingerprint.h"

#define KEY_LEN (FINGERPRINT_LEN / 2)

/* How many findings of the run had each digest so far: open addressing. */
struct slot {
	uint8_t key[KEY_LEN];
	unsigned long count;	/* 0: empty */
};

struct fingerprinter {
	struct slot *slot;
	size_t cap, used;	/* cap: a power of two, or 0 */
};

struct fingerprinter *
fingerprinter_create(void)
{
	return calloc(1, sizeof(struct fingerprinter));
}

void
fingerprinter_destroy(struct fingerprinter *fp)
{
	if (fp == NULL)
		return;
	free(fp->slot);
	free(fp);
}

/* One part: a tag byte saying whether it is there, then its bytes and a NUL. */
static void
add_part(ldns_sha256_CTX *ctx, const char *s)
{
	uint8_t tag = s != NULL;

	ldns_sha256_update(ctx, &tag, 1);
	if (s != NULL)
		ldns_sha256_update(ctx, (const uint8_t *)s, strlen(s) + 1);
}

static struct slot *
find_slot(struct slot *tab, size_t cap, const uint8_t *key)
{
	uint64_t h;
	size_t i;

	memcpy(&h, key, sizeof(h));	/* a digest: its bytes are already uniform */
	for (i = (size_t)h & (cap - 1);; i = (i + 1) & (cap - 1))
		if (tab[i].count == 0 || memcmp(tab[i].key, key, KEY_LEN) == 0)
			return &tab[i];
}

static int
grow(struct fingerprinter *fp)
{
	size_t ncap = fp->cap ? fp->cap * 2 : 64;
	struct slot *n = calloc(ncap, sizeof(*n));

	if (n == NULL)
		return -1;
	for (size_t i = 0; i < fp->cap; i++)
		if (fp->slot[i].count != 0)
			*find_slot(n, ncap, fp->slot[i].key) = fp->slot[i];
	free(fp->slot);
	fp->slot = n;
	fp->cap = ncap;
	return 0;
}

/* The occurrence number of key in this run (1 for the first), or 0 when out of memory. */
static unsigned long
occurrence(struct fingerprinter *fp, const uint8_t *key)
{
	struct slot *s;

	if ((fp->used + 1) * 4 > fp->cap * 3 && grow(fp) != 0)
		return 0;
	s = find_slot(fp->slot, fp->cap, key);
	if (s->count == 0) {
		memcpy(s->key, key, KEY_LEN);
		fp->used++;
	}
	return ++s->count;
}

static void
to_hex(const uint8_t *d, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < KEY_LEN; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[FINGERPRINT_LEN] = '\0';
}

int
fingerprinter_next(struct fingerprinter *fp, const struct finding *f,
    const char *input, char out[FINGERPRINT_LEN + 1])
{
	uint8_t digest[LDNS_SHA256_DIGEST_LENGTH];
	ldns_sha256_CTX ctx;
	unsigned long n;

	ldns_sha256_init(&ctx);
	add_part(&ctx, "srvlint fingerprint 1");
	add_part(&ctx, check_info(f->check)->name);
	add_part(&ctx, f->file ? f->file : input);
	add_part(&ctx, f->owner);
	add_part(&ctx, f->type);
	add_part(&ctx, f->domain);
	add_part(&ctx, f->message);
	ldns_sha256_final(digest, &ctx);
	n = occurrence(fp, digest);
	if (n > 1) {
		/* The first keeps the plain digest, so one finding alone never changes. */
		char num[24];
		snprintf(num, sizeof(num), "%lu", n);
		ldns_sha256_init(&ctx);
		ldns_sha256_update(&ctx, digest, KEY_LEN);
		add_part(&ctx, num);
		ldns_sha256_final(digest, &ctx);
	}
	to_hex(digest, out);
	return n == 0 ? -1 : 0;
}

int
fingerprint_valid(const char *s, size_t len)
{
	if (len != FINGERPRINT_LEN)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}
