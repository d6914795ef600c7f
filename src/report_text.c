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
	struct report_line l;
	const char *where = f->file ? f->file :
	    r->group_input ? r->group_input : f->owner ? f->owner : "srvlint";

	report_line_start(&l, r->out);
	report_line_put_text(&l, where);
	if (f->file && f->line) {
		report_line_put(&l, ":");
		report_line_put_ulong(&l, f->line);
	}
	report_line_put(&l, ": ");
	if (r->color)
		report_line_put(&l, sev_color(f->severity));
	report_line_put(&l, severity_name(f->severity));
	if (r->color)
		report_line_put(&l, "\033[0m");
	report_line_put(&l, ": ");
	if (f->owner && where != f->owner) {
		report_line_put_text(&l, f->owner);
		report_line_put(&l, ": ");
	}
	report_line_put_text(&l, f->message ? f->message : "");
	report_line_put(&l, " [");
	report_line_put(&l, check_info(f->check)->name);
	report_line_put(&l, "]\n");
	report_line_end(&l);
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
