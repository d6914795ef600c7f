/*
 * report.h -- the one place findings go: text, JSON Lines, SARIF, GitHub
 * workflow commands, GitLab Code Quality (one emitter per format, see
 * report_impl.h).
 */
#ifndef SRVLINT_REPORT_H
#define SRVLINT_REPORT_H

#include <stdio.h>

#include "finding.h"
#include "options.h"

/* How `valid` is decided for grouped output (`name`, `request`). */
enum report_group {
	REPORT_FLAT,		/* check, probe: one line per finding */
	REPORT_NAME,		/* name: {"input", "valid", "findings"} */
	REPORT_REQUEST		/* request: {"file", "valid", "findings"} */
};

struct report;

/*
 * Creates a report writing findings to out and the summary to err, and
 * with --html opens the page.  opt is borrowed and must outlive the
 * report.  Reads opt->baseline.  Returns NULL after a one-line error (out
 * of memory, a baseline that cannot be read, a page that cannot be
 * created).
 */
struct report *report_create(FILE *out, FILE *err, const struct options *opt,
    enum report_group group);
/* NULL is a no-op. */
void report_destroy(struct report *r);

/*
 * Reports one finding: applies --severity, drops checks turned off, gives
 * it its fingerprint, records it for --write-baseline, drops it when
 * --baseline knows it, counts it and writes it (or keeps it for the
 * current group object).
 */
void report_finding(struct report *r, const struct finding *f);
/* A sink for report_finding (ud = the report). */
void report_sink(void *r, const struct finding *f);

struct inv_view;

/*
 * Every finding reported from now on, after --severity, also goes to tap
 * (NULL: none; tap is copied).  divert: it goes only there and is not
 * written (it still counts), as with --inventory.
 */
void report_tap(struct report *r, const struct sink *tap, int divert);

/*
 * Writes one finished inventory: with --inventory the tree (text) or the
 * objects (json) on out, and with --html its section of the page.
 */
void report_inventory(struct report *r, const struct inv_view *v);

/* Grouped output: one object per label or request file, in order. */
void report_group_begin(struct report *r, const char *input);
void report_group_end(struct report *r);

/*
 * Says the run could not be done (a file that cannot be read, no server
 * answering): the SARIF log's invocation is then not successful.  Call it
 * before report_finish.
 */
void report_run_failed(struct report *r);

/*
 * Ends the run: closes the output, writes --write-baseline's file and the
 * summary ("2 errors, 1 warning, 0 notes in 3 files") on err unless quiet.
 * units is how many inputs were read and unit names one ("file", "label",
 * "domain").  Returns the exit status: 0 or 1 per --fail-on; 0 when
 * --write-baseline wrote its file, 2 when it could not or when the --html
 * page could not be written.
 */
int report_finish(struct report *r, unsigned long units, const char *unit);

/*
 * Writes s (len bytes) with every byte that is not printable ASCII as a DNS
 * presentation escape (\027).  In JSON mode also escapes '"' and '\\'.
 */
void report_write_escaped(FILE *out, const char *s, size_t len, int json);

/*
 * Returns a new C string holding s (len bytes, NUL bytes included) with
 * every byte that is not printable ASCII as \DDD; the caller frees it.
 * NULL when out of memory.
 */
char *report_escape_dup(const char *s, size_t len);

/* report_show's output needs at most this many bytes (with the NUL). */
#define REPORT_SHOW_MAX 64
#define REPORT_SHOW_BUFLEN (REPORT_SHOW_MAX * 4 + 4)

/*
 * Writes the first REPORT_SHOW_MAX bytes of s (len bytes, any values) into
 * buf as printable text for a message: '"', '\\' and every byte that is not
 * printable ASCII as \DDD, "..." when cut.  buflen should be
 * REPORT_SHOW_BUFLEN.  Returns buf.
 */
const char *report_show(const char *s, size_t len, char *buf, size_t buflen);

/*
 * A one-line error about the run itself ("srvlint: FILE: reason") on
 * stderr, escaped; a SARIF report being written keeps it as a
 * toolExecutionNotification.
 */
void report_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
