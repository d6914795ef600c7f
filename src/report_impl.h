/*
 * report_impl.h -- what report.c shares with the emitters, one per output
 * format (report_text.c, report_json.c, report_sarif.c, ...).
 *
 * report.c does everything that does not depend on the format: --severity,
 * dropping checks turned off, counting, grouping, the summary line and the
 * exit status.  An emitter only writes: it is handed each finding with its
 * effective severity, in order.
 */
#ifndef SRVLINT_REPORT_IMPL_H
#define SRVLINT_REPORT_IMPL_H

#include "report.h"

struct report_emitter {
	/* Writes what opens the output (the SARIF log head), or NULL. */
	void (*begin)(struct report *r);
	/* Writes one finding. */
	void (*finding)(struct report *r, const struct finding *f);
	/*
	 * Writes the current group (r->group_input, r->pending) as one unit, or
	 * NULL: the group's findings go through finding() one by one.
	 */
	void (*group)(struct report *r);
	/* Writes what closes the output, or NULL. */
	void (*end)(struct report *r);
};

struct report {
	FILE *out, *err;
	const struct options *opt;
	const struct report_emitter *emit;
	enum report_group group;
	int color;			/* text: ANSI colors on */
	unsigned long count[SEV_ERROR + 1];
	unsigned long written;		/* findings the emitter wrote: separators */
	struct finding_list *pending;	/* the current group's findings */
	char *group_input;		/* the current group's label or file */
};

extern const struct report_emitter report_text_emitter;
extern const struct report_emitter report_json_emitter;
extern const struct report_emitter report_sarif_emitter;

/* Writes s escaped for text (report_write_escaped, not JSON). */
void report_put_text(FILE *out, const char *s);

/* Writes "key": "value" (value escaped), preceded by ", " unless first. */
void report_put_json_field(FILE *out, const char *key, const char *value, int first);

#endif
