/*
 * report_json.c -- the JSON Lines emitter: one object per finding (check,
 * probe), or one object per label or request file with its findings.
 */
#include <stdio.h>

#include "inventory_out.h"
#include "report_impl.h"

/* The fields of one finding inside a JSON object, without braces. */
static void
json_fields(struct report *r, const struct finding *f)
{
	FILE *o = r->out;
	int first = 1;

	if (r->group == REPORT_FLAT && f->file) {
		report_put_json_path_field(o, "file", f->file, 1);
		first = 0;
	}
	if (r->group != REPORT_NAME && f->file && f->line) {
		fprintf(o, "%s\"line\": %lu", first ? "" : ", ", f->line);
		first = 0;
	}
	if (f->owner) {
		report_put_json_field(o, "owner", f->owner, first);
		first = 0;
	}
	if (f->type) {
		report_put_json_field(o, "type", f->type, first);
		first = 0;
	}
	report_put_json_field(o, "check", check_info(f->check)->name, first);
	report_put_json_field(o, "severity", severity_name(f->severity), 0);
	report_put_json_field(o, "message", f->message ? f->message : "", 0);
	if (f->primary)
		report_put_json_field(o, "primary", f->primary, 0);
	if (f->domain)
		report_put_json_field(o, "domain", f->domain, 0);
}

static void
json_finding(struct report *r, const struct finding *f)
{
	putc('{', r->out);
	json_fields(r, f);
	fputs("}\n", r->out);
}

/* cli.md: a request is valid without errors; a label without name-* errors. */
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
json_group(struct report *r)
{
	FILE *o = r->out;
	size_t n = finding_list_count(r->pending);

	putc('{', o);
	if (r->group == REPORT_NAME)
		report_put_json_field(o, "input", r->group_input, 1);
	else
		report_put_json_path_field(o, "file", r->group_input, 1);
	fprintf(o, ", \"valid\": %s, \"findings\": [",
	    group_valid(r) ? "true" : "false");
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", {" : "{", o);
		json_fields(r, finding_list_get(r->pending, i));
		putc('}', o);
	}
	fputs("]}\n", o);
}

static void
json_inventory(struct report *r, const struct inv_view *v)
{
	inventory_write_json(r->out, v);
}

const struct report_emitter report_json_emitter = {
	.finding = json_finding,
	.group = json_group,
	.inventory = json_inventory,
};
