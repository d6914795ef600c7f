/*
 * checker.h -- the record checks of checks.md, fed one record at a time by
 * zone mode (zone.c) and probe mode (probe.c) alike.
 *
 * Per-record checks (names, protocol labels, SRV data, TXT keys, port labels,
 * host names, attribute leaves) report as each record arrives.  Cross-record
 * checks (SRV target is a CNAME / has no address, "." mixed with others, PTR
 * to an instance without SRV or TXT, ...) report from checker_finish, after
 * every record is in.  The checker keeps compact per-name facts, never the
 * records, so memory grows with the number of names, not the zone's bytes.
 */
#ifndef SRVLINT_CHECKER_H
#define SRVLINT_CHECKER_H

#include <ldns/ldns.h>

#include "finding.h"
#include "lint.h"

/* Where a record came from. */
struct rr_pos {
	const char *file;	/* zone file as given, or NULL (probe) */
	unsigned long line;	/* the record's first line, or 0 */
	check_set disabled;	/* checks silenced by "; srvlint-disable" */
	const char *domain;	/* probe: the domain on the command line */
};

struct checker;
struct inventory;

/*
 * Creates a checker reporting through sink.  apex is the zone's origin:
 * cross-record checks that need "inside the zone" (srv-target-no-address,
 * dnssd-instance-no-srv/-txt) look only at names at or below it.  apex NULL
 * (probe mode) means every name the checker was told about is inside.
 * ctx, sink and apex are borrowed and must outlive the checker.
 * Returns NULL when out of memory.
 */
struct checker *checker_create(const struct lint_ctx *ctx,
    const struct sink *sink, const ldns_rdf *apex);
/* NULL is a no-op. */
void checker_destroy(struct checker *ch);

/*
 * Attaches an inventory (inventory.h) that checker_record feeds every record
 * to, so --inventory and --html see exactly what the checks see.  inv is
 * borrowed (NULL detaches); several checkers may share one.
 */
void checker_set_inventory(struct checker *ch, struct inventory *inv);

/* Runs the per-record checks on rr and keeps the facts cross-record checks need. */
void checker_record(struct checker *ch, const ldns_rr *rr, const struct rr_pos *pos);

/*
 * Probe mode: the checker could not learn what name holds (timeout,
 * failure): cross-record checks stay silent about it.
 */
void checker_name_unknown(struct checker *ch, const ldns_rdf *name);

/*
 * Moves the facts of src into dst (for -j: one checker per worker, merged
 * before checker_finish).  src is left empty.  Returns 0, or -1 when out of
 * memory.
 */
int checker_merge(struct checker *dst, struct checker *src);

/* Runs the cross-record checks, in line order, then forgets every fact. */
void checker_finish(struct checker *ch);

#endif
