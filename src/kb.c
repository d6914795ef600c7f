/*
 * kb.c -- lookups in the knowledge base of de-facto names.  The table is
 * small (a few dozen rows), so a linear scan is the fastest honest choice.
 */
#include "kb.h"
#include "svcname.h"

extern const struct kb_entry kb_entries[];
extern const size_t kb_entry_count;

static int
text_equal(const char *want, const char *s, size_t len)
{
	size_t wl = 0;

	while (want[wl])
		wl++;
	return svcname_equal(want, wl, s, len);
}

const struct kb_entry *
kb_lookup(const char *svc, size_t len, const char *proto, size_t plen)
{
	for (size_t i = 0; i < kb_entry_count; i++) {
		const struct kb_entry *e = &kb_entries[i];
		if (e->label_len != len || e->proto[0] == '\0' ||
		    !svcname_equal(e->label, len, svc, len))
			continue;
		if (proto == NULL || plen == 0 || e->proto[0] == '*' ||
		    text_equal(e->proto, proto, plen))
			return e;
	}
	return NULL;
}

const struct kb_entry *
kb_lookup_parent(const char *label, size_t len)
{
	for (size_t i = 0; i < kb_entry_count; i++) {
		const struct kb_entry *e = &kb_entries[i];
		if (e->label_len == len && e->proto[0] == '\0' &&
		    svcname_equal(e->label, len, label, len))
			return e;
	}
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
