/*
 * rrtype.h -- the IANA RR TYPEs registry (data/dns-rr-types.csv, compiled
 * into rrtypes_data.c): which type mnemonics a zone file may use, so that
 * a data type ldns has no parser for is still read, and an unknown
 * mnemonic or a meta-type is a parse-error, as in BIND.
 */
#ifndef SRVLINT_RRTYPE_H
#define SRVLINT_RRTYPE_H

#include <stddef.h>
#include <stdint.h>

enum rrtype_kind { RRT_DATA, RRT_META };

struct rrtype {
	const char *name;	/* the mnemonic, upper case */
	uint16_t value;
	unsigned char kind;	/* enum rrtype_kind */
};

/* Sorted by name (C order). */
extern const struct rrtype rrtypes[];
extern const size_t rrtypes_count;

/*
 * The type a mnemonic (n bytes, any case) or RFC 3597 "TYPEnnn" names, or
 * NULL when it names none.  TYPEnnn of a value without a mnemonic comes
 * back in *scratch (kind RRT_DATA unless the value is a meta-type's).
 */
const struct rrtype *rrtype_by_name(const char *p, size_t n, struct rrtype *scratch);
/* The registry's entry for a value, or NULL. */
const struct rrtype *rrtype_by_value(uint16_t value);

#endif
