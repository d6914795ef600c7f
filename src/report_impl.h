/*
 * report_impl.h -- what report.c shares with the emitters, one per output
 * format (report_text.c, report_json.c, report_sarif.c, report_github.c,
 * report_gitlab.c).
 *
 * report.c does everything that does not depend on the format: --severity,
 * dropping checks turned off, fingerprints and baselines, counting,
 * grouping, the summary line and the exit status.  An emitter only writes:
 * it is handed each finding with its effective severity and fingerprint,
 * in order.
 */
#ifndef SRVLINT_REPORT_IMPL_H
#define SRVLINT_REPORT_IMPL_H

#include "report.h"

struct html;
struct inv_view;

struct report_emitter {
	/* Writes what opens the output (the SARIF log head), or NULL. */
	void (*begin)(struct report *r);
	/* Writes one finding; r->written findings were written before it. */
	void (*finding)(struct report *r, const struct finding *f);
	/*
	 * Writes the current group (r->group_input, r->pending) as one unit, or
	 * NULL: the group's findings go through finding() one by one.
	 */
	void (*group)(struct report *r);
	/* Writes what closes the output, or NULL. */
	void (*end)(struct report *r);
	/* Frees r->state, or NULL. */
	void (*destroy)(struct report *r);
	/* Nonzero: the format shows fingerprints (f->fingerprint is set). */
	int fingerprints;
	/* --inventory: writes one finished inventory, or NULL: the format has none. */
	void (*inventory)(struct report *r, const struct inv_view *v);
};

struct report {
	FILE *out, *err;
	const struct options *opt;
	const struct report_emitter *emit;
	void *state;			/* the emitter's own, or NULL */
	enum report_group group;
	int color;			/* text: ANSI colors on */
	unsigned long count[SEV_ERROR + 1];
	unsigned long written;		/* findings the emitter wrote: separators */
	struct finding_list *pending;	/* the current group's findings */
	char *group_input;		/* the current group's label or file */

	struct fingerprinter *fps;	/* NULL: no fingerprints needed */
	struct baseline *baseline;	/* --baseline, or NULL */
	struct baseline_writer *newbase;	/* --write-baseline, or NULL */
	unsigned long baselined;	/* findings --baseline left out */

	int failed;			/* report_run_failed was called */
	char **notes;			/* report_error messages of the run (SARIF) */
	size_t nnotes;
	struct sink tap;		/* --inventory, --html: findings also go here */
	int divert;			/* ... and only there */
	struct html *html;		/* the --html page, or NULL */
};

extern const struct report_emitter report_text_emitter;
extern const struct report_emitter report_json_emitter;
extern const struct report_emitter report_sarif_emitter;
extern const struct report_emitter report_github_emitter;
extern const struct report_emitter report_gitlab_emitter;

/* Writes s escaped for text (report_write_escaped, not JSON). */
void report_put_text(FILE *out, const char *s);

/*
 * A line of output assembled in memory and written with one fwrite per
 * buffer-full: the text emitter's fputs, fprintf and fwrite calls cost
 * 3,900 instructions a finding, most of them stdio's per-call work, and
 * they run on the thread that prints every -j worker's findings.  The
 * bytes are exactly those of report_write_escaped and printf.
 */
struct report_line {
	FILE *out;
	size_t n;
	char b[1024];
};
void report_line_start(struct report_line *l, FILE *out);
void report_line_put(struct report_line *l, const char *s);	/* as it is */
void report_line_put_text(struct report_line *l, const char *s);	/* escaped, text */
void report_line_put_ulong(struct report_line *l, unsigned long v);
void report_line_end(struct report_line *l);	/* writes what is left */

/* Writes "key": "value" (value escaped), preceded by ", " unless first. */
void report_put_json_field(FILE *out, const char *key, const char *value, int first);

/*
 * Writes a file name as the body of a JSON string (cli.md, JSON output):
 * valid UTF-8 as it is, '"' and '\\' escaped, control characters as
 * \u00XX, and a byte that is not UTF-8 as \\DDD.
 */
void report_put_json_path(FILE *out, const char *path);

/* "file": PATH as report_put_json_path writes it, preceded by ", " unless first. */
void report_put_json_path_field(FILE *out, const char *key, const char *path, int first);

/*
 * Length of the UTF-8 sequence at s (n bytes left), or 0 when s[0] does
 * not begin a valid, shortest-form sequence of a scalar value.
 */
size_t report_utf8_len(const unsigned char *s, size_t n);

/* What a finding is about when it has no file: its owner, else the group's label. */
const char *report_subject(const struct report *r, const struct finding *f);

#endif
