/*
 * baseline.h -- baselines (cli.md, Baselines): the fingerprints of known
 * findings, one a line with a comment naming the finding, so a zone with
 * known findings can gate CI on new ones only and the file reads well in a
 * diff.
 */
#ifndef SRVLINT_BASELINE_H
#define SRVLINT_BASELINE_H

#include "finding.h"

struct baseline;

/*
 * Reads the baseline at path: per line, a fingerprint, then optional
 * blanks and a '#' comment; blank and comment-only lines are skipped.  A
 * line that is not a fingerprint gets a one-line error naming FILE:LINE
 * and is skipped (its finding is then reported: failing loud beats hiding
 * a defect).  Returns the set, owned by the caller, or NULL after a
 * one-line error when the file cannot be read or memory runs out.
 */
struct baseline *baseline_load(const char *path);
/* NULL is a no-op. */
void baseline_destroy(struct baseline *b);
/* Nonzero when fingerprint fp is in b. */
int baseline_has(const struct baseline *b, const char *fp);
/* How many fingerprints b holds. */
size_t baseline_count(const struct baseline *b);

struct baseline_writer;

/* Returns a writer that will replace path (borrowed) at commit, or NULL when out of memory. */
struct baseline_writer *baseline_writer_create(const char *path);
/*
 * Adds the line for f (whose fingerprint is set): "FP  # CHECK WHERE[:LINE]
 * OWNER TYPE: MESSAGE", where WHERE is the file, or input without one.
 * Every byte of the comment that is not printable ASCII is escaped, so a
 * name cannot break the line.
 */
void baseline_writer_add(struct baseline_writer *w, const struct finding *f, const char *input);
/* How many lines were added. */
unsigned long baseline_writer_count(const struct baseline_writer *w);
/*
 * Writes the file: a new file beside it, renamed over it, so a failed run
 * never leaves half a baseline.  Returns 0, or -1 after a one-line error.
 */
int baseline_writer_commit(struct baseline_writer *w);
/* NULL is a no-op. */
void baseline_writer_destroy(struct baseline_writer *w);

#endif
