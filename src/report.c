/*
 * report.c -- the one place findings go through: --severity, checks turned
 * off, counting, grouping, the summary line and the exit status.  Writing
 * is the emitter's (report_impl.h), one per format, so a new format is one
 * new file and a row in emitters[].
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_impl.h"

static const struct report_emitter *const emitters[] = {
	[FORMAT_TEXT] = &report_text_emitter,
	[FORMAT_JSON] = &report_json_emitter,
	[FORMAT_SARIF] = &report_sarif_emitter,
};

struct report *
report_create(FILE *out, FILE *err, const struct options *opt,
    enum report_group group)
{
	struct report *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	r->out = out;
	r->err = err;
	r->opt = opt;
	r->emit = emitters[opt->format];
	r->group = group;
	if (group != REPORT_FLAT && (r->pending = finding_list_create()) == NULL) {
		free(r);
		return NULL;
	}
	if (opt->color == COLOR_ALWAYS)
		r->color = 1;
	else if (opt->color == COLOR_AUTO)
		r->color = isatty(fileno(out)) && getenv("NO_COLOR") == NULL;
	if (r->emit->begin)
		r->emit->begin(r);
	return r;
}

void
report_destroy(struct report *r)
{
	if (r == NULL)
		return;
	finding_list_destroy(r->pending);
	free(r->group_input);
	free(r);
}

static void
write_finding(struct report *r, const struct finding *f)
{
	r->emit->finding(r, f);
	r->written++;
}

void
report_finding(struct report *r, const struct finding *f)
{
	struct finding eff = *f;
	int override = r->opt->sev_override[f->check];

	if (override >= 0)
		eff.severity = (enum severity)override;
	if (eff.severity == SEV_OFF)
		return;
	r->count[eff.severity]++;
	if (r->pending != NULL && r->group_input != NULL) {
		if (finding_list_add(r->pending, &eff) == 0)
			return;
		/* out of memory: print it now rather than lose it */
	}
	write_finding(r, &eff);
}

void
report_sink(void *r, const struct finding *f)
{
	report_finding(r, f);
}

void
report_group_begin(struct report *r, const char *input)
{
	free(r->group_input);
	r->group_input = strdup(input ? input : "");
	if (r->pending)
		finding_list_clear(r->pending);
}

void
report_group_end(struct report *r)
{
	if (r->group_input == NULL)
		return;
	if (r->pending) {
		if (r->emit->group)
			r->emit->group(r);
		else
			for (size_t i = 0; i < finding_list_count(r->pending); i++)
				write_finding(r, finding_list_get(r->pending, i));
		finding_list_clear(r->pending);
	}
	free(r->group_input);
	r->group_input = NULL;
}

static void
write_count(FILE *err, unsigned long n, const char *what, const char *sep)
{
	fprintf(err, "%lu %s%s%s", n, what, n == 1 ? "" : "s", sep);
}

int
report_finish(struct report *r, unsigned long units, const char *unit)
{
	int worst = SEV_OFF;

	report_group_end(r);
	if (r->emit->end)
		r->emit->end(r);
	fflush(r->out);
	if (!r->opt->quiet) {
		write_count(r->err, r->count[SEV_ERROR], "error", ", ");
		write_count(r->err, r->count[SEV_WARNING], "warning", ", ");
		write_count(r->err, r->count[SEV_NOTE], "note", " in ");
		write_count(r->err, units, unit, "\n");
	}
	for (int s = SEV_NOTE; s <= SEV_ERROR; s++)
		if (r->count[s])
			worst = s;
	return worst != SEV_OFF && worst >= r->opt->fail_on;
}

void
report_error(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fputs("srvlint: ", stderr);
	report_write_escaped(stderr, buf, strlen(buf), 0);
	putc('\n', stderr);
}
