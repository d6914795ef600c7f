/*
 * report.c -- the one place findings go through: --severity, checks turned
 * off, fingerprints and baselines, counting, grouping, the summary line
 * and the exit status.  Writing is the emitter's (report_impl.h), one per
 * format, so a new format is one new file and a row in emitters[].
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "fingerprint.h"
#include "html.h"
#include "report_impl.h"

static const struct report_emitter *const emitters[] = {
	[FORMAT_TEXT] = &report_text_emitter,
	[FORMAT_JSON] = &report_json_emitter,
	[FORMAT_SARIF] = &report_sarif_emitter,
	[FORMAT_GITHUB] = &report_github_emitter,
	[FORMAT_GITLAB] = &report_gitlab_emitter,
};
_Static_assert(sizeof emitters / sizeof emitters[0] == FORMAT_LAST + 1,
    "an emitter for every enum format, and FORMAT_LAST the last of them");

/*
 * The report whose log keeps the run's error messages (SARIF's
 * toolExecutionNotifications): report_error has no report argument, and
 * workers may call it, hence the lock.
 */
static struct report *noted;
static pthread_mutex_t noted_lock = PTHREAD_MUTEX_INITIALIZER;

/* Opens --baseline and --write-baseline.  0, or -1 after a one-line error. */
static int
open_baselines(struct report *r)
{
	const struct options *o = r->opt;

	if (o->baseline && (r->baseline = baseline_load(o->baseline)) == NULL)
		return -1;
	if (o->write_baseline &&
	    (r->newbase = baseline_writer_create(o->write_baseline)) == NULL) {
		report_error("out of memory");
		return -1;
	}
	return 0;
}

struct report *
report_create(FILE *out, FILE *err, const struct options *opt,
    enum report_group group)
{
	struct report *r = calloc(1, sizeof(*r));

	if (r == NULL)
		goto oom;
	r->out = out;
	r->err = err;
	r->opt = opt;
	r->emit = emitters[opt->format];
	r->group = group;
	if (group != REPORT_FLAT && (r->pending = finding_list_create()) == NULL)
		goto oom;
	if ((r->emit->fingerprints || opt->baseline || opt->write_baseline) &&
	    (r->fps = fingerprinter_create()) == NULL)
		goto oom;
	if (open_baselines(r) != 0)
		goto fail;
	if (opt->color == COLOR_ALWAYS)
		r->color = 1;
	else if (opt->color == COLOR_AUTO)
		r->color = isatty(fileno(out)) && getenv("NO_COLOR") == NULL;
	if (opt->html_file != NULL && (r->html = html_open(opt->html_file)) == NULL)
		goto fail;	/* it said why */
	if (opt->format == FORMAT_SARIF) {
		pthread_mutex_lock(&noted_lock);
		noted = r;
		pthread_mutex_unlock(&noted_lock);
	}
	if (r->emit->begin)
		r->emit->begin(r);
	return r;
oom:
	report_error("out of memory");
fail:
	report_destroy(r);
	return NULL;
}

void
report_destroy(struct report *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&noted_lock);
	if (noted == r)
		noted = NULL;
	pthread_mutex_unlock(&noted_lock);
	if (r->emit && r->emit->destroy)
		r->emit->destroy(r);
	finding_list_destroy(r->pending);
	free(r->group_input);
	fingerprinter_destroy(r->fps);
	baseline_destroy(r->baseline);
	baseline_writer_destroy(r->newbase);
	for (size_t i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	html_close(r->html, NULL, 0, NULL);
	free(r);
}

void
report_run_failed(struct report *r)
{
	r->failed = 1;
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
	char fp[FINGERPRINT_LEN + 1];

	if (override >= 0)
		eff.severity = (enum severity)override;
	if (eff.severity == SEV_OFF)
		return;
	if (r->fps != NULL) {
		/* Out of memory only costs the occurrence number. */
		(void)fingerprinter_next(r->fps, &eff, r->group_input, fp);
		eff.fingerprint = fp;
		if (r->newbase)
			baseline_writer_add(r->newbase, &eff, r->group_input);
		if (r->baseline && baseline_has(r->baseline, fp)) {
			r->baselined++;
			return;
		}
	}
	r->count[eff.severity]++;
	if (r->tap.emit != NULL)
		sink_emit(&r->tap, &eff);
	if (r->divert)
		return;
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
report_tap(struct report *r, const struct sink *tap, int divert)
{
	r->tap.emit = tap != NULL ? tap->emit : NULL;
	r->tap.ud = tap != NULL ? tap->ud : NULL;
	r->divert = tap != NULL && divert;
}

void
report_inventory(struct report *r, const struct inv_view *v)
{
	if (r->opt->inventory && r->emit->inventory != NULL)
		r->emit->inventory(r, v);
	if (r->html != NULL)
		html_section(r->html, v);
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

static void
write_summary(struct report *r, unsigned long units, const char *unit)
{
	write_count(r->err, r->count[SEV_ERROR], "error", ", ");
	write_count(r->err, r->count[SEV_WARNING], "warning", ", ");
	write_count(r->err, r->count[SEV_NOTE], "note", " in ");
	write_count(r->err, units, unit, "");
	if (r->baseline)
		fprintf(r->err, "; %lu known from the baseline not shown", r->baselined);
	if (r->newbase) {
		fputs("; baseline ", r->err);
		report_put_text(r->err, r->opt->write_baseline);
		fprintf(r->err, ": %lu fingerprint%s written", baseline_writer_count(r->newbase),
		    baseline_writer_count(r->newbase) == 1 ? "" : "s");
	}
	putc('\n', r->err);
}

int
report_finish(struct report *r, unsigned long units, const char *unit)
{
	int worst = SEV_OFF, written = 0;

	report_group_end(r);
	if (r->emit->end)
		r->emit->end(r);
	fflush(r->out);
	if (r->newbase) {
		if (baseline_writer_commit(r->newbase) != 0)
			return 2;
		written = 1;
	}
	if (!r->opt->quiet)
		write_summary(r, units, unit);
	if (r->html != NULL) {
		struct html *h = r->html;
		r->html = NULL;
		if (html_close(h, r->count, units, unit) != 0)
			return 2;
	}
	if (written)
		return 0;	/* cli.md: --write-baseline exits 0 */
	for (int s = SEV_NOTE; s <= SEV_ERROR; s++)
		if (r->count[s])
			worst = s;
	return worst != SEV_OFF && worst >= r->opt->fail_on;
}

/* Keeps msg for the SARIF log, if one is being written. */
static void
note_error(const char *msg)
{
	pthread_mutex_lock(&noted_lock);
	if (noted != NULL) {
		char **n = realloc(noted->notes, (noted->nnotes + 1) * sizeof(*n));
		char *copy = strdup(msg);
		if (n != NULL)
			noted->notes = n;
		if (n != NULL && copy != NULL)
			noted->notes[noted->nnotes++] = copy;
		else
			free(copy);
	}
	pthread_mutex_unlock(&noted_lock);
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
	note_error(buf);
}
