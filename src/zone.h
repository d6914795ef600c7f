/*
 * zone.h -- `srvlint check`: the streaming zone reader (zone_main in modes.h).
 *
 * The reader (zone.c) reads a zone file in big blocks, has the splitter
 * (zscan.h: parentheses, quotes, comments, escapes, line numbers) cut it
 * into records, resolves owner inheritance, $ORIGIN, $TTL and $INCLUDE
 * (policy: zinclude.h) on the calling thread, and hands batches of
 * self-contained record texts to -j worker threads (zpool.h), which parse
 * them (zparse.h) and feed a per-worker checker.  Findings are written by
 * the calling thread only, in record order, so the output is the same for
 * every -j.
 *
 * Choices (documented for users in the report / README):
 * - No origin by default: a relative name, "@" or a relative $ORIGIN with
 *   no $ORIGIN before it and no -o is a parse-error on that record.  The
 *   file name is never guessed as an origin.
 * - The checker's apex is the owner of the SOA when the first record is an
 *   SOA, else the first $ORIGIN seen before the first record, else -o, else
 *   none (every name counts as inside the zone).
 * - "; srvlint-disable CHECK[,CHECK ...]" (comma and/or space separated) in
 *   a comment on any line of a record silences those checks for that record,
 *   the reader's own parse-error included.  An unknown check name is a
 *   parse-error lowered to a note, so a typo is seen but fails no CI run.
 * - $INCLUDE paths are relative to the include directory (--include-dir,
 *   default the zone file's own directory, "." for standard input), must
 *   resolve (realpath) to a regular file inside it, at most 8 levels deep,
 *   never a file already being read (a loop), at most ZONE_INCLUDE_MAX
 *   (1024) of them and ZONE_INCLUDE_BYTES (256 MB) per zone.  A refusal
 *   is include-denied;
 *   a file that does not exist or cannot be read is a parse-error.  An
 *   included file starts with the including file's origin (or the one the
 *   $INCLUDE names), TTL and owner; they are restored after it (RFC 1035 5.1).
 * - A record's text is capped at ZONE_RECORD_MAX bytes (comments excluded);
 *   past it: one parse-error, and the reader skips to the end of that
 *   record (its closing parenthesis, then the end of that line).  Raw NUL and control bytes (other
 *   than tab, CR, LF) outside comments are a parse-error for their record.
 *   A quoted string never spans lines.
 */
#ifndef SRVLINT_ZONE_H
#define SRVLINT_ZONE_H

#include <ldns/ldns.h>

#include "checker.h"
#include "finding.h"
#include "lint.h"

/*
 * The longest record text the reader accepts, in bytes, comments excluded
 * and each run of blanks counted as one: four bytes of text ("\DDD") for
 * each of the 65535 bytes a record's data may hold, so that every record
 * BIND loads fits (BIND's own test zones hold a 48,000-byte record written
 * in 96 KB of hex).  The fuzzing build uses small sizes, so that short
 * inputs cross them.
 */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define ZONE_RECORD_MAX 4096
#else
#define ZONE_RECORD_MAX 262144
#endif
/* How deep $INCLUDE may nest. */
#define ZONE_INCLUDE_DEPTH 8
/*
 * How many $INCLUDEs one zone file may follow, and how many bytes of
 * included files in all: eight files that include the next one ten times
 * each would otherwise make 10^7 copies of a record.
 */
#define ZONE_INCLUDE_MAX 1024
#define ZONE_INCLUDE_BYTES (256ULL << 20)

/*
 * What consumes the parsed records: the checker (zone_checker_consumer),
 * or in tests an observer.  One instance per worker; create's sink and apex
 * are borrowed; record runs on a worker thread, the others on the caller's.
 */
struct zone_consumer {
	void *(*create)(void *ud, const struct lint_ctx *ctx,
	    const struct sink *sink, const ldns_rdf *apex);
	void (*destroy)(void *c);
	void (*record)(void *c, const ldns_rr *rr, const struct rr_pos *pos);
	int (*merge)(void *dst, void *src);
	void (*finish)(void *c);
	void *ud;
};

/* The checker of checker.h as a consumer. */
extern const struct zone_consumer zone_checker_consumer;

struct zone_params {
	const char *origin;		/* -o, or NULL */
	const char *include_dir;	/* --include-dir, or NULL: the zone's dir */
	int no_include;			/* --no-include */
	int jobs;			/* worker threads, >= 1 */
	unsigned long long include_bytes;	/* 0: ZONE_INCLUDE_BYTES (tests set less) */
};

/*
 * Checks one zone file, path or "-" (standard input, reported as "<stdin>").
 * Every finding goes to out, from the calling thread, in record order; the
 * cross-record findings follow, sorted by file, line, check, owner, message.
 * cons NULL means the checker.  Returns 0, or -1 when the file could not be
 * read (already said on stderr with report_error).
 */
int zone_check_file(const struct lint_ctx *ctx, const char *path,
    const struct zone_params *zp, const struct zone_consumer *cons,
    const struct sink *out);

#endif
