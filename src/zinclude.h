/*
 * zinclude.h -- the $INCLUDE policy of zone.h: which files a zone may
 * include (inside the include directory, regular, no loop, bounded depth,
 * count and bytes), decided before a file is opened and, for the byte
 * budget, as its bytes are read.  It keeps the stack of files being read;
 * the reader (zone.c) does the reading and turns a refusal into a finding.
 */
#ifndef SRVLINT_ZINCLUDE_H
#define SRVLINT_ZINCLUDE_H

#include <stddef.h>

enum zinc_verdict {
	ZINC_OK,
	ZINC_DENIED,	/* include-denied: the policy refuses it */
	ZINC_ERROR,	/* parse-error: missing or unreadable */
	ZINC_OOM
};

struct zinclude;

/*
 * Creates the policy of one zone: dir is --include-dir, or NULL for the
 * directory of zone_path ("." for "-"); refuse is --no-include.  Both
 * strings are copied.  NULL when out of memory.  zinclude_destroy frees it.
 */
struct zinclude *zinclude_create(const char *dir, const char *zone_path, int refuse,
    unsigned long long budget);
void zinclude_destroy(struct zinclude *zi);

/*
 * Enters a file being read: name as reported (borrowed, must outlive the
 * entry), real its realpath or NULL (copied).  The zone file is entered
 * first, each included file when it is opened.  -1 when out of memory.
 */
int zinclude_push(struct zinclude *zi, const char *name, const char *real);
/* Leaves the file entered last. */
void zinclude_pop(struct zinclude *zi);

/*
 * May the file being read include path?  On ZINC_OK *full (the path as
 * reported) and *real (its realpath) are set, both the caller's to free,
 * and the include is counted.  Otherwise why holds the message.
 */
enum zinc_verdict zinclude_resolve(struct zinclude *zi, const char *path,
    char **full, char **real, char *why, size_t whysize);

/*
 * Counts n more bytes read from included files: -1 (not counted) when they
 * would pass ZONE_INCLUDE_BYTES, so that a file growing while it is read
 * cannot escape the budget its size at open passed.
 */
int zinclude_count(struct zinclude *zi, size_t n);

/*
 * Opens a resolved file for reading (never blocking on a FIFO, never
 * following a link swapped in); *fd is set on ZINC_OK, why otherwise.
 */
enum zinc_verdict zinclude_open(struct zinclude *zi, const char *full,
    const char *real, int *fd, char *why, size_t whysize);

#endif
