/*
 * report_gitlab.c -- a GitLab Code Quality report (cli.md, CI formats): one
 * JSON array, one object a finding with description, check_name,
 * fingerprint, severity and location {"path", "lines": {"begin"}}.
 *
 * GitLab requires a path and a line: a finding without a line (a request
 * file as a whole) begins at line 1, and one without a file (probe, name)
 * has its owner or label as the path.
 */
#include <stdio.h>
#include <string.h>

#include "report_impl.h"

static const char *
gitlab_severity(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR:
		return "critical";
	case SEV_WARNING:
		return "major";
	default:
		return "info";
	}
}

static void
gitlab_begin(struct report *r)
{
	putc('[', r->out);
}

static void
gitlab_finding(struct report *r, const struct finding *f)
{
	FILE *o = r->out;
	const char *subject = f->owner ? f->owner : f->file ? NULL : r->group_input;

	fputs(r->written ? ",\n  {" : "\n  {", o);
	fputs("\"description\": \"", o);
	if (subject) {
		report_write_escaped(o, subject, strlen(subject), 1);
		fputs(": ", o);
	}
	report_write_escaped(o, f->message ? f->message : "",
	    f->message ? strlen(f->message) : 0, 1);
	putc('"', o);
	report_put_json_field(o, "check_name", check_info(f->check)->name, 0);
	report_put_json_field(o, "fingerprint", f->fingerprint ? f->fingerprint : "", 0);
	report_put_json_field(o, "severity", gitlab_severity(f->severity), 0);
	fputs(", \"location\": {", o);
	if (f->file)
		report_put_json_path_field(o, "path", f->file, 1);
	else
		report_put_json_field(o, "path", subject ? subject : "", 1);
	fprintf(o, ", \"lines\": {\"begin\": %lu}}}", f->line ? f->line : 1);
}

static void
gitlab_end(struct report *r)
{
	fputs(r->written ? "\n]\n" : "]\n", r->out);
}

const struct report_emitter report_gitlab_emitter = {
	.begin = gitlab_begin,
	.finding = gitlab_finding,
	.end = gitlab_end,
	.fingerprints = 1,
};
