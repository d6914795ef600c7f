/*
 * kb.h -- the knowledge base of service names (data/defacto.tsv, compiled at
 * build time): names real deployments use that are unregistered or
 * malformed, each with who requires it, and misnames that no client looks
 * up, each with the name clients query.
 */
#ifndef SRVLINT_KB_H
#define SRVLINT_KB_H

#include <stddef.h>

enum kb_kind {
	KB_DEFACTO,	/* clients look it up: check/probe lower findings to note */
	KB_DNSSD,	/* a deployed DNS-SD type breaking RFC 6335 syntax: likewise */
	KB_MISNAME	/* no client looks it up: severity kept, primary named */
};

struct kb_entry {
	const char *label;	/* lowercase, no underscore: "gc", "msdcs" */
	size_t label_len;	/* strlen(label), for lookups on the hot path */
	const char *proto;	/* "tcp", "udp", "tls", "*" for any; "" for a parent label */
	enum kb_kind kind;
	const char *source;	/* who requires the name: "Active Directory ..." */
	/*
	 * KB_DEFACTO, KB_DNSSD: the registered name to move to, or NULL.
	 * KB_MISNAME: the name clients query, "_submissions._tcp".
	 */
	const char *primary;
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
