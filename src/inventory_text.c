/*
 * inventory_text.c -- `--inventory` in text: one indented tree per zone or
 * domain (domain, service type, instance or SRV/URI owner, target,
 * address), each finding's severity and check under the node it is about.
 * Every name and string goes through report_write_escaped: no byte a zone
 * or a server chose reaches the terminal raw.
 */
#include <arpa/inet.h>
#include <string.h>

#include "inventory_out.h"
#include "report.h"

static const char *const sev_colors[] = { "", "\033[1;36m", "\033[1;35m", "\033[1;31m" };

static void
put(FILE *o, const char *s)
{
	report_write_escaped(o, s, strlen(s), 0);
}

/* A TXT string, URI or instance name in quotes: '"' and '\\' escaped too. */
static void
put_quoted(FILE *o, const uint8_t *s, size_t len)
{
	size_t i = 0;

	putc('"', o);
	while (i < len) {
		size_t run = i;
		while (run < len && s[run] != '"' && s[run] != '\\')
			run++;
		report_write_escaped(o, (const char *)s + i, run - i, 0);
		if (run < len)
			fprintf(o, "\\%c", s[run++]);
		i = run;
	}
	putc('"', o);
}

static void
indent(FILE *o, int depth)
{
	for (int i = 0; i < depth; i++)
		fputs("  ", o);
}

static void
put_findings(FILE *o, const struct inv_findings *f, int depth, int color)
{
	for (size_t i = 0; f != NULL && i < f->n; i++) {
		enum severity sev = (enum severity)f->sev[i];
		indent(o, depth);
		fprintf(o, "%s%s%s: %s\n", color ? sev_colors[sev] : "", severity_name(sev),
		    color ? "\033[0m" : "", check_info((enum check_id)f->check[i])->name);
	}
}

static void
put_target(FILE *o, const struct inv_target *t, int depth, int color)
{
	char buf[INET6_ADDRSTRLEN];

	indent(o, depth);
	if (t->uri != NULL) {
		fputs("uri ", o);
		put_quoted(o, t->uri, t->uri_len);
		fprintf(o, "  priority %u  weight %u\n", t->priority, t->weight);
		return;
	}
	put(o, t->name);
	fprintf(o, "  port %u  priority %u  weight %u", t->port, t->priority, t->weight);
	if (t->via_cname && t->canonical != NULL) {
		fputs("  via CNAME ", o);
		put(o, t->canonical);
	}
	putc('\n', o);
	for (size_t i = 0; i < t->naddr; i++) {
		indent(o, depth + 1);
		fprintf(o, "%s\n", inet_ntop(t->addr[i].family, t->addr[i].a, buf, sizeof buf));
	}
	put_findings(o, t->host_findings, depth + 1, color);
}

static void
put_service(FILE *o, const struct inv_service *s, int depth, int color)
{
	indent(o, depth);
	put(o, s->owner);
	fprintf(o, "  %s", s->rrtype);
	if (s->instance != NULL) {
		fputs("  instance ", o);
		put_quoted(o, s->instance, s->instance_len);
	}
	if (s->file != NULL) {
		fputs("  ", o);
		put(o, s->file);
		fprintf(o, ":%lu", s->line);
	}
	putc('\n', o);
	for (size_t i = 0; i < s->ntargets; i++)
		put_target(o, &s->targets[i], depth + 1, color);
	if (s->ntxt > 0) {
		indent(o, depth + 1);
		fputs("TXT", o);
		for (size_t i = 0; i < s->ntxt; i++) {
			putc(' ', o);
			put_quoted(o, s->txt[i].s, s->txt[i].len);
		}
		putc('\n', o);
	}
	put_findings(o, &s->findings, depth + 1, color);
}

static void
put_type(FILE *o, const struct inv_type *t, int color)
{
	indent(o, 1);
	put(o, t->owner);
	fprintf(o, "  DNS-SD type, %lu instance%s announced", t->instances,
	    t->instances == 1 ? "" : "s");
	for (size_t i = 0; i < t->nsubtypes; i++) {
		fputs(i ? ", " : ", subtypes ", o);
		put(o, t->subtypes[i]);
	}
	putc('\n', o);
	put_findings(o, &t->findings, 2, color);
}

void
inventory_write_text(FILE *o, const struct inv_view *v, int color)
{
	put(o, v->domain != NULL ? v->domain : "(no origin)");
	if (v->file != NULL) {
		fputs("  ", o);
		put(o, v->file);
	}
	fprintf(o, ": %zu service%s, %zu DNS-SD type%s\n", v->nservices,
	    v->nservices == 1 ? "" : "s", v->ntypes, v->ntypes == 1 ? "" : "s");
	put_findings(o, v->findings, 1, color);
	for (size_t t = 0; t < v->ntypes; t++) {
		put_type(o, &v->types[t], color);
		for (size_t i = 0; i < v->types[t].count; i++)
			put_service(o, &v->services[v->types[t].first + i], 2, color);
	}
	for (size_t i = v->first_other; i < v->nservices; i++)
		put_service(o, &v->services[i], 1, color);
	if (v->more_services > 0 || v->more_types > 0)
		fprintf(o, "  ... %lu more services and %lu more types not listed "
		    "(at most %d and %d are kept)\n", v->more_services, v->more_types,
		    INVENTORY_SERVICES_MAX, INVENTORY_TYPES_MAX);
	if (v->incomplete)
		fprintf(o, "  (addresses of some targets are not listed: more than %d "
		    "names had addresses before any SRV record pointed at them)\n",
		    INVENTORY_POOL_MAX);
}
