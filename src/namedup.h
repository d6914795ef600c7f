/*
 * namedup.h -- one finding about a name, not one per record (checks.md,
 * "Scope notes", issue 10 item 9).  The checker marks each finding about an
 * owner's labels with the hash of the name it is about (finding.name_key;
 * a DNS-SD instance's findings on its service type carry the type's name,
 * so they merge with the browse owner's).  This filter, between the zone's
 * ordered stream of findings and the report, passes the first finding of
 * each (name_key, check) and drops the rest.  The stream is in file order
 * whatever -j is, so the finding that stands is the one at the name's first
 * record for every -j; memory is 8 to 16 bytes a name with a finding.
 */
#ifndef SRVLINT_NAMEDUP_H
#define SRVLINT_NAMEDUP_H

#include "finding.h"

struct namedup;

/*
 * A filter passing findings on to out (borrowed, must outlive it), or NULL
 * when out of memory.  Free with namedup_destroy.
 */
struct namedup *namedup_create(const struct sink *out);
/* NULL is a no-op. */
void namedup_destroy(struct namedup *d);

/*
 * The filter as a sink (struct sink.emit, ud = the namedup).  Out of memory
 * for its table, it passes the finding on: a repeat, never a lost finding.
 */
void namedup_emit(void *d, const struct finding *f);

#endif
