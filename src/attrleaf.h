/*
 * attrleaf.h -- the RFC 8552 "Underscored and Globally Scoped DNS Node
 * Names" registry (data/attrleaf.tsv, compiled at build time).
 */
#ifndef SRVLINT_ATTRLEAF_H
#define SRVLINT_ATTRLEAF_H

#include <stddef.h>

/*
 * Looks up an underscored node name (label with its underscore, len bytes,
 * case-insensitive; "_ta-4f66" matches "_ta-*").  Returns the RR types the
 * registry lists for it, space-separated ("SRV URI"; "*" for every type),
 * or NULL when the name is not registered.
 */
const char *attrleaf_types(const char *label, size_t len);

/*
 * Nonzero when the space-separated type list (as attrleaf_types returns it)
 * holds the RR type mnemonic type (case-insensitive) or is "*".
 */
int attrleaf_type_listed(const char *types, const char *type);

/* The compiled table (src/attrleaf_data.c), sorted by name; for attrleaf.c and tests. */
struct attrleaf_entry {
	const char *name;	/* lowercase, with its underscore; "_ta-*" */
	const char *types;	/* "SRV URI", "*" */
};
extern const struct attrleaf_entry attrleaf_table[];
extern const size_t attrleaf_count;

#endif
