/*
 * report_sarif.c -- the SARIF 2.1.0 emitter: one log whose rules come from
 * the check table, one result per finding.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "report_impl.h"

static void
sarif_begin(struct report *r)
{
	FILE *o = r->out;

	fputs("{\"version\": \"2.1.0\", \"$schema\": "
	    "\"https://json.schemastore.org/sarif-2.1.0.json\", \"runs\": [{"
	    "\"tool\": {\"driver\": {\"name\": \"srvlint\", ", o);
	report_put_json_field(o, "version", PACKAGE_VERSION, 1);
	fputs(", \"rules\": [", o);
	for (int i = 0; i < CHECK_COUNT; i++) {
		const struct check_info *c = check_info((enum check_id)i);
		fputs(i ? ", {" : "{", o);
		report_put_json_field(o, "id", c->name, 1);
		fputs(", \"shortDescription\": {", o);
		report_put_json_field(o, "text", c->summary, 1);
		fputs("}, \"fullDescription\": {", o);
		report_put_json_field(o, "text", c->summary, 1);
		fputs("}, \"help\": {", o);
		report_put_json_field(o, "text", c->fix, 1);
		fputs("}, \"defaultConfiguration\": {", o);
		report_put_json_field(o, "level", severity_name(c->severity), 1);
		fputs("}, \"properties\": {", o);
		report_put_json_field(o, "reference", c->ref, 1);
		fputs("}}", o);
	}
	fputs("]}}, \"results\": [", o);
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
sarif_finding(struct report *r, const struct finding *f)
{
	FILE *o = r->out;
	const char *logical = f->owner ? f->owner : r->group_input;

	fputs(r->written ? ", {" : "{", o);
	report_put_json_field(o, "ruleId", check_info(f->check)->name, 1);
	fprintf(o, ", \"ruleIndex\": %d", (int)f->check);
	report_put_json_field(o, "level", severity_name(f->severity), 0);
	fputs(", \"message\": {", o);
	report_put_json_field(o, "text", f->message ? f->message : "", 1);
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
		report_put_json_field(o, "fullyQualifiedName", logical, 1);
		fputs("}]", o);
	}
	fputs("}]", o);
	if (f->primary || f->domain) {
		int first = 1;
		fputs(", \"properties\": {", o);
		if (f->primary) {
			report_put_json_field(o, "primary", f->primary, 1);
			first = 0;
		}
		if (f->domain)
			report_put_json_field(o, "domain", f->domain, first);
		fputs("}", o);
	}
	fputs("}", o);
}

static void
sarif_end(struct report *r)
{
	fputs("]}]}\n", r->out);
}

const struct report_emitter report_sarif_emitter = {
	.begin = sarif_begin,
	.finding = sarif_finding,
	.end = sarif_end,
};
