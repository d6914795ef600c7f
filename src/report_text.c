/*
 * report_text.c -- the text emitter: the compiler form editors understand,
 * FILE:LINE: LEVEL: OWNER: message [check], or OWNER/label first.
 */
#include <stdio.h>

#include "inventory_out.h"
#include "report_impl.h"

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

static void
text_finding(struct report *r, const struct finding *f)
{
	FILE *o = r->out;
	const char *where = f->file ? f->file :
	    r->group_input ? r->group_input : f->owner ? f->owner : "srvlint";

	report_put_text(o, where);
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
		report_put_text(o, f->owner);
		fputs(": ", o);
	}
	report_put_text(o, f->message ? f->message : "");
	fprintf(o, " [%s]\n", check_info(f->check)->name);
}

static void
text_inventory(struct report *r, const struct inv_view *v)
{
	inventory_write_text(r->out, v, r->color);
}

const struct report_emitter report_text_emitter = {
	.finding = text_finding,
	.inventory = text_inventory,
};
