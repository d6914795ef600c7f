/*
 * fingerprint.h -- a finding's fingerprint (cli.md, CI formats): the same
 * across runs and when lines are added above the record, so SARIF
 * partialFingerprints, GitLab's fingerprint and baselines can match a
 * finding from one run to the next.
 */
#ifndef SRVLINT_FINGERPRINT_H
#define SRVLINT_FINGERPRINT_H

#include "finding.h"

/* Lowercase hex digits in a fingerprint (128 bits of SHA-256). */
#define FINGERPRINT_LEN 32

struct fingerprinter;

/* Returns a new fingerprinter for one run, or NULL when out of memory. */
struct fingerprinter *fingerprinter_create(void);
/* NULL is a no-op. */
void fingerprinter_destroy(struct fingerprinter *fp);

/*
 * Writes the fingerprint of f, the next finding of the run in output
 * order, into out (FINGERPRINT_LEN + 1 bytes, NUL-terminated).  It is made
 * from the check, the file (or, without one, input: the label of `name`),
 * the owner, the type, the domain and the message, never the line.  The
 * message stands for the record's data: it names the target, port, key or
 * text the check is about.  The second finding of a run with the same
 * parts gets occurrence number 2, and so on.  Returns 0, or -1 when out of
 * memory (out then holds the fingerprint without its occurrence number).
 */
int fingerprinter_next(struct fingerprinter *fp, const struct finding *f,
    const char *input, char out[FINGERPRINT_LEN + 1]);

/* Nonzero when s is FINGERPRINT_LEN lowercase hex digits and nothing else. */
int fingerprint_valid(const char *s, size_t len);

#endif
