/*
 * zparse.h -- one record's text into an ldns_rr, as deeply as the checks
 * need: a worker's parser (one per thread, not shared).  The text is what
 * the splitter (zscan.h) cut, with the owner the reader filled in.  ldns
 * converts; this module adds what ldns 1.8 lets through (numbers it wraps,
 * TTLs past 2^31-1, relative names with no origin) and the RFC 1035
 * "class TTL" order ldns refuses.
 */
#ifndef SRVLINT_ZPARSE_H
#define SRVLINT_ZPARSE_H

#include <stdint.h>

#include <ldns/ldns.h>

struct zparser;

/* Why a record was refused; the strings are the parser's until its next call. */
struct zparse_error {
	const char *message;
	const char *owner;	/* absolute, or NULL */
	const char *type;	/* mnemonic, or NULL */
};

/* Creates a parser, NULL when out of memory; zparser_destroy frees it. */
struct zparser *zparser_create(void);
void zparser_destroy(struct zparser *zp);

/*
 * Parses text under origin (NULL: none) with ttl for a record that gives
 * none.  Returns the record, the parser's until its next call, or NULL
 * with *err saying why (a parse-error).
 */
const ldns_rr *zparse_record(struct zparser *zp, const char *text,
    const char *origin, uint32_t ttl, struct zparse_error *err);

#endif
