/*
 * kb.h -- the knowledge base of de-facto service names (data/defacto.tsv,
 * compiled at build time): names real deployments use that are unregistered
 * or malformed, each with who requires it.
 */
#ifndef SRVLINT_KB_H
#define SRVLINT_KB_H

#include <stddef.h>

struct kb_entry {
	const char *label;	/* lowercase, no underscore: "gc", "msdcs" */
	size_t label_len;	/* strlen(label), for lookups on the hot path */
	const char *proto;	/* "tcp", "udp", "tls", "*" for any; "" for a parent label */
	const char *source;	/* who requires the name: "Active Directory ..." */
	const char *primary;	/* the registered name to move to, or NULL */
};

/*
 * Looks up a de-facto service label (no underscore, case-insensitive) used
 * with protocol label proto (no underscore; NULL or plen 0: any).
 */
const struct kb_entry *kb_lookup(const char *svc, size_t len,
    const char *proto, size_t plen);

/* Looks up a de-facto parent label such as "msdcs", "sites". */
const struct kb_entry *kb_lookup_parent(const char *label, size_t len);

/* Number of entries, and the i-th, for listings and tests. */
size_t kb_count(void);
const struct kb_entry *kb_at(size_t i);

#endif
