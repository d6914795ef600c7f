/*
 * kb.c -- lookups in the knowledge base of de-facto names.  A zone looks up
 * every SRV owner's service label, and the table has over a hundred rows:
 * the rows are chained by a hash of their label (built once), each chain in
 * table order, so a look-up finds the same row a scan of the table would.
 */
#include <pthread.h>

#include "kb.h"
#include "svcname.h"

extern const struct kb_entry kb_entries[];
extern const size_t kb_entry_count;

#define KB_BUCKETS	256
#define KB_MAX		4096	/* rows the index takes; past it, the scan */

static unsigned short kb_head[KB_BUCKETS];	/* 1 + the first row; 0: none */
static unsigned short kb_next[KB_MAX];		/* 1 + the next row of the chain */
static pthread_once_t kb_once = PTHREAD_ONCE_INIT;

/* The bucket of a label, its letters' case ignored (labels are stored lower case). */
static unsigned
kb_hash(const char *s, size_t len)
{
	unsigned h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		h = (h ^ (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c)) * 16777619u;
	}
	return h % KB_BUCKETS;
}

static void
kb_index(void)
{
	/* From the last row to the first, each put at its chain's head. */
	for (size_t i = kb_entry_count; i-- > 0;) {
		unsigned h = kb_hash(kb_entries[i].label, kb_entries[i].label_len);

		kb_next[i] = kb_head[h];
		kb_head[h] = (unsigned short)(i + 1);
	}
}

/* 1 + the first row whose label may be s, or 0 (row i's next: kb_next[i]). */
static size_t
kb_first(const char *s, size_t len)
{
	if (kb_entry_count > KB_MAX)
		return 0;
	pthread_once(&kb_once, kb_index);
	return kb_head[kb_hash(s, len)];
}

static int
text_equal(const char *want, const char *s, size_t len)
{
	size_t wl = 0;

	while (want[wl])
		wl++;
	return svcname_equal(want, wl, s, len);
}

static int
kb_service_match(const struct kb_entry *e, const char *svc, size_t len,
    const char *proto, size_t plen)
{
	if (e->label_len != len || e->proto[0] == '\0' ||
	    !svcname_equal(e->label, len, svc, len))
		return 0;
	return proto == NULL || plen == 0 || e->proto[0] == '*' ||
	    text_equal(e->proto, proto, plen);
}

const struct kb_entry *
kb_lookup(const char *svc, size_t len, const char *proto, size_t plen)
{
	size_t i;

	if (kb_entry_count > KB_MAX) {
		for (i = 0; i < kb_entry_count; i++)
			if (kb_service_match(&kb_entries[i], svc, len, proto, plen))
				return &kb_entries[i];
		return NULL;
	}
	for (i = kb_first(svc, len); i != 0; i = kb_next[i - 1])
		if (kb_service_match(&kb_entries[i - 1], svc, len, proto, plen))
			return &kb_entries[i - 1];
	return NULL;
}

static int
kb_parent_match(const struct kb_entry *e, const char *label, size_t len)
{
	return e->label_len == len && e->proto[0] == '\0' &&
	    svcname_equal(e->label, len, label, len);
}

const struct kb_entry *
kb_lookup_parent(const char *label, size_t len)
{
	size_t i;

	if (kb_entry_count > KB_MAX) {
		for (i = 0; i < kb_entry_count; i++)
			if (kb_parent_match(&kb_entries[i], label, len))
				return &kb_entries[i];
		return NULL;
	}
	for (i = kb_first(label, len); i != 0; i = kb_next[i - 1])
		if (kb_parent_match(&kb_entries[i - 1], label, len))
			return &kb_entries[i - 1];
	return NULL;
}

size_t
kb_count(void)
{
	return kb_entry_count;
}

const struct kb_entry *
kb_at(size_t i)
{
	return i < kb_entry_count ? &kb_entries[i] : NULL;
}
