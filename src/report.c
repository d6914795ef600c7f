/*
 * report.c -- the one place that writes findings.
 *
 * Text is the compiler form editors understand (FILE:LINE: LEVEL: ...), JSON
 * is one object a line, SARIF 2.1.0 is one log whose rules come from the
 * check table.  Every string goes through report_write_escaped, so no byte a
 * zone or a server chose ever reaches the terminal raw.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "registry.h"
#include "report.h"

struct report {
	FILE *out, *err;
	const struct options *opt;
	enum report_group group;
	int color;
	unsigned long count[SEV_ERROR + 1];
	unsigned long sarif_results;
	struct finding_list *pending;	/* the current group's findings */
	char *group_input;		/* the current group's label or file */
};

void
report_write_escaped(FILE *out, const char *s, size_t len, int json)
{
	size_t i = 0;

	/* Runs of plain bytes go out in one fwrite: this is the hot path. */
	while (i < len) {
		size_t run = i;
		unsigned char c;
		while (run < len && (c = (unsigned char)s[run]) >= 0x20 && c < 0x7f &&
		    !(json && (c == '"' || c == '\\')))
			run++;
		if (run > i)
			fwrite(s + i, 1, run - i, out);
		if (run == len)
			break;
		c = (unsigned char)s[run];
		if (c < 0x20 || c >= 0x7f)
			fprintf(out, json ? "\\\\%03u" : "\\%03u", c);
		else
			fprintf(out, "\\%c", c);
		i = run + 1;
	}
}

char *
report_escape_dup(const char *s, size_t len)
{
	char *d = malloc(len * 4 + 1), *o = d;

	if (d == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f)
			o += sprintf(o, "\\%03u", c);
		else
			*o++ = (char)c;
	}
	*o = '\0';
	return d;
}

const char *
report_show(const char *s, size_t len, char *buf, size_t buflen)
{
	size_t o = 0;

	for (size_t i = 0; i < len && i < REPORT_SHOW_MAX && o + 5 < buflen; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f || c == '\\' || c == '"')
			o += (size_t)snprintf(buf + o, buflen - o, "\\%03u", c);
		else
			buf[o++] = (char)c;
	}
	if (len > REPORT_SHOW_MAX && o + 4 <= buflen) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

static void
put_text(FILE *out, const char *s)
{
	report_write_escaped(out, s, strlen(s), 0);
}

/* Writes "key": "value" (escaped), preceded by a comma unless first. */
static void
put_json_field(FILE *out, const char *key, const char *value, int first)
{
	fprintf(out, "%s\"%s\": \"", first ? "" : ", ", key);
	report_write_escaped(out, value, strlen(value), 1);
	putc('"', out);
}

static void
sarif_open(struct report *r)
{
	FILE *o = r->out;

	fputs("{\"version\": \"2.1.0\", \"$schema\": "
	    "\"https://json.schemastore.org/sarif-2.1.0.json\", \"runs\": [{"
	    "\"tool\": {\"driver\": {\"name\": \"srvlint\", ", o);
	put_json_field(o, "version", PACKAGE_VERSION, 1);
	fputs(", \"rules\": [", o);
	for (int i = 0; i < CHECK_COUNT; i++) {
		const struct check_info *c = check_info((enum check_id)i);
		fputs(i ? ", {" : "{", o);
		put_json_field(o, "id", c->name, 1);
		fputs(", \"shortDescription\": {", o);
		put_json_field(o, "text", c->summary, 1);
		fputs("}, \"fullDescription\": {", o);
		put_json_field(o, "text", c->summary, 1);
		fputs("}, \"help\": {", o);
		put_json_field(o, "text", c->fix, 1);
		fputs("}, \"defaultConfiguration\": {", o);
		put_json_field(o, "level", severity_name(c->severity), 1);
		fputs("}, \"properties\": {", o);
		put_json_field(o, "reference", c->ref, 1);
		fputs("}}", o);
	}
	fputs("]}}, \"results\": [", o);
}

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
	r->group = group;
	if (group != REPORT_FLAT && (r->pending = finding_list_create()) == NULL) {
		free(r);
		return NULL;
	}
	if (opt->color == COLOR_ALWAYS)
		r->color = 1;
	else if (opt->color == COLOR_AUTO)
		r->color = isatty(fileno(out)) && getenv("NO_COLOR") == NULL;
	if (opt->format == FORMAT_SARIF)
		sarif_open(r);
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

static const char *
sev_color(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR:
		return "\033[1;31m";
	case SEV_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

/* FILE:LINE: LEVEL: OWNER: message [check] -- or OWNER/label first. */
static void
write_text(struct report *r, const struct finding *f)
{
	FILE *o = r->out;
	const char *where = f->file ? f->file :
	    r->group_input ? r->group_input : f->owner ? f->owner : "srvlint";

	put_text(o, where);
	if (f->file && f->line)
		fprintf(o, ":%lu", f->line);
	fputs(": ", o);
	if (r->color)
		fputs(sev_color(f->severity), o);
	fputs(severity_name(f->severity), o);
	if (r->color)
		fputs("\033[0m", o);
	fputs(": ", o);
	if (f->owner && where != f->owner) {
		put_text(o, f->owner);
		fputs(": ", o);
	}
	put_text(o, f->message ? f->message : "");
	fprintf(o, " [%s]\n", check_info(f->check)->name);
}

/* The fields of one finding inside a JSON object, without braces. */
static void
write_json_fields(struct report *r, const struct finding *f)
{
	FILE *o = r->out;
	int first = 1;

	if (r->group != REPORT_NAME && f->file) {
		if (r->group == REPORT_FLAT) {
			put_json_field(o, "file", f->file, 1);
			fputs(", ", o);
		}
		fprintf(o, "\"line\": %lu", f->line);
		first = 0;
	}
	if (f->owner) {
		put_json_field(o, "owner", f->owner, first);
		first = 0;
	}
	if (f->type) {
		put_json_field(o, "type", f->type, first);
		first = 0;
	}
	put_json_field(o, "check", check_info(f->check)->name, first);
	put_json_field(o, "severity", severity_name(f->severity), 0);
	put_json_field(o, "message", f->message ? f->message : "", 0);
	if (f->primary)
		put_json_field(o, "primary", f->primary, 0);
	if (f->domain)
		put_json_field(o, "domain", f->domain, 0);
}

static void
write_uri(FILE *o, const char *path)
{
	/* RFC 3986 unreserved and "/" stay; every other byte is %XX. */
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			putc(*p, o);
		else
			fprintf(o, "%%%02X", *p);
	}
}

static void
write_sarif(struct report *r, const struct finding *f)
{
	FILE *o = r->out;
	const char *logical = f->owner ? f->owner : r->group_input;

	fputs(r->sarif_results++ ? ", {" : "{", o);
	put_json_field(o, "ruleId", check_info(f->check)->name, 1);
	fprintf(o, ", \"ruleIndex\": %d", (int)f->check);
	put_json_field(o, "level", severity_name(f->severity), 0);
	fputs(", \"message\": {", o);
	put_json_field(o, "text", f->message ? f->message : "", 1);
	fputs("}, \"locations\": [{", o);
	if (f->file) {
		fputs("\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"", o);
		write_uri(o, f->file);
		fputs("\"}", o);
		if (f->line)
			fprintf(o, ", \"region\": {\"startLine\": %lu}", f->line);
		fputs("}", o);
		if (logical)
			fputs(", ", o);
	}
	if (logical) {
		fputs("\"logicalLocations\": [{", o);
		put_json_field(o, "fullyQualifiedName", logical, 1);
		fputs("}]", o);
	}
	fputs("}]", o);
	if (f->primary || f->domain) {
		int first = 1;
		fputs(", \"properties\": {", o);
		if (f->primary) {
			put_json_field(o, "primary", f->primary, 1);
			first = 0;
		}
		if (f->domain)
			put_json_field(o, "domain", f->domain, first);
		fputs("}", o);
	}
	fputs("}", o);
}

static void
write_finding(struct report *r, const struct finding *f)
{
	switch (r->opt->format) {
	case FORMAT_TEXT:
		write_text(r, f);
		break;
	case FORMAT_JSON:
		putc('{', r->out);
		write_json_fields(r, f);
		fputs("}\n", r->out);
		break;
	case FORMAT_SARIF:
		write_sarif(r, f);
		break;
	}
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

static int
group_valid(const struct report *r)
{
	for (size_t i = 0; i < finding_list_count(r->pending); i++) {
		const struct finding *f = finding_list_get(r->pending, i);
		if (f->severity != SEV_ERROR)
			continue;
		if (r->group == REPORT_REQUEST)
			return 0;
		if (f->check >= CHECK_NAME_EMPTY && f->check <= CHECK_NAME_LEGACY)
			return 0;
	}
	return 1;
}

static void
write_json_group(struct report *r)
{
	FILE *o = r->out;
	size_t n = finding_list_count(r->pending);

	putc('{', o);
	put_json_field(o, r->group == REPORT_NAME ? "input" : "file",
	    r->group_input, 1);
	fprintf(o, ", \"valid\": %s, \"findings\": [",
	    group_valid(r) ? "true" : "false");
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", {" : "{", o);
		write_json_fields(r, finding_list_get(r->pending, i));
		putc('}', o);
	}
	fputs("]}\n", o);
}

void
report_group_end(struct report *r)
{
	if (r->group_input == NULL)
		return;
	if (r->pending) {
		if (r->opt->format == FORMAT_JSON)
			write_json_group(r);
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
	if (r->opt->format == FORMAT_SARIF)
		fputs("]}]}\n", r->out);
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
