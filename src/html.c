/*
 * html.c -- the --html service map (html.h).
 *
 * The tree is nested lists drawn with CSS connector lines; the severity
 * markers and the legend are inline SVG symbols.  Instances sit in one
 * <details> per announced service type, the other SRV/URI owners in one
 * <details> per _service._proto, each with its count; a group of more than
 * HTML_OPEN_MAX services starts closed, so that a zone of thousands of
 * services opens as a page of group headings.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "html.h"
#include "report.h"
#include "utf8.h"

#define HTML_OPEN_MAX 20
#define PL(n) ((n) == 1 ? "" : "s")

struct html {
	FILE *f;
	char *path;
	unsigned long sections;
};

static const char *const sev_class[] = { "ok", "note", "warning", "error" };

static const char head[] =
"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
"script-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
"form-action 'none'\">\n"
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
"<title>srvlint service map</title>\n<style>\n"
"body{font:14px/1.45 system-ui,sans-serif;margin:1.5em 2em;color:#1a1a1a;background:#fafafa}\n"
"h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.2em;margin:1.6em 0 .3em}\n"
"code,.n{font-family:ui-monospace,monospace;font-size:13px}\n"
".legend{display:flex;gap:1.2em;align-items:center;margin:.6em 0 1em}\n"
"svg.m{width:11px;height:11px;vertical-align:-1px;margin-right:.35em}\n"
"ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:1.3em}\n"
"ul.tree{padding-left:0}\n"
"ul.tree li{position:relative;padding:.08em 0 .08em .9em;border-left:1px solid #b8b8b8}\n"
"ul.tree li:last-child{border-left-color:transparent}\n"
"ul.tree li::before{content:\"\";position:absolute;left:-1px;top:0;height:.85em;width:.75em;"
"border-left:1px solid #b8b8b8;border-bottom:1px solid #b8b8b8}\n"
"ul.tree>li{border-left:none;padding-left:0}ul.tree>li::before{display:none}\n"
"details>summary{cursor:pointer}\n"
".k{color:#666;margin-left:.6em}.cnt{background:#e8e8e8;border-radius:8px;padding:0 .5em;margin-left:.5em;font-size:12px}\n"
".chk{border-radius:3px;padding:0 .35em;margin-left:.4em;font-size:12px;color:#fff}\n"
".chk.error{background:#c62828}.chk.warning{background:#e65100}.chk.note{background:#1565c0}\n"
".node.error>.n,.node.error>summary>.n{color:#b71c1c;font-weight:600}\n"
".node.warning>.n,.node.warning>summary>.n{color:#bf360c}\n"
".txt{color:#555}\n"
"table{border-collapse:collapse;margin:.8em 0;background:#fff}\n"
"th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}\n"
"th{background:#eee}td.sev.error{color:#b71c1c;font-weight:600}td.sev.warning{color:#bf360c}\n"
"td.sev.note{color:#0d47a1}td code{white-space:nowrap}\n"
".more{color:#555;font-style:italic}\n"
"footer{margin-top:2em;padding-top:.6em;border-top:1px solid #ccc;font-weight:600}\n"
"</style>\n</head>\n<body>\n"
"<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>\n"
"<symbol id=\"m-ok\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4.5\" fill=\"#2e7d32\"/></symbol>\n"
"<symbol id=\"m-note\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4.5\" fill=\"#1565c0\"/></symbol>\n"
"<symbol id=\"m-warning\" viewBox=\"0 0 10 10\"><path d=\"M5 .5 9.6 9.5H.4z\" fill=\"#e65100\"/></symbol>\n"
"<symbol id=\"m-error\" viewBox=\"0 0 10 10\"><rect x=\".5\" y=\".5\" width=\"9\" height=\"9\" fill=\"#c62828\"/></symbol>\n"
"</defs></svg>\n"
"<header><h1>srvlint service map</h1>\n"
"<div class=\"legend\">"
"<span><svg class=\"m\"><use href=\"#m-ok\"/></svg>no finding</span>"
"<span><svg class=\"m\"><use href=\"#m-note\"/></svg>note</span>"
"<span><svg class=\"m\"><use href=\"#m-warning\"/></svg>warning</span>"
"<span><svg class=\"m\"><use href=\"#m-error\"/></svg>error</span>"
"<span class=\"k\">each node is marked by the worst finding about it</span></div>\n"
"</header>\n";

/* Writes len bytes HTML-escaped: UTF-8 stays, other non-ASCII and control bytes are \DDD. */
static void
put_bytes(FILE *o, const uint8_t *s, size_t len)
{
	size_t i = 0, k;

	while (i < len) {
		unsigned char c = s[i];
		switch (c) {
		case '&': fputs("&amp;", o); break;
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '"': fputs("&quot;", o); break;
		case '\'': fputs("&#39;", o); break;
		default:
			if (c >= 0x20 && c < 0x7f) {
				putc(c, o);
			} else if ((k = utf8_seq(s + i, len - i)) > 0) {
				fwrite(s + i, 1, k, o);
				i += k;
				continue;
			} else {
				fprintf(o, "\\%03u", c);
			}
		}
		i++;
	}
}

static void
put(FILE *o, const char *s)
{
	if (s != NULL)
		put_bytes(o, (const uint8_t *)s, strlen(s));
}

static void
marker(FILE *o, enum severity worst)
{
	fprintf(o, "<svg class=\"m\"><use href=\"#m-%s\"/></svg>", sev_class[worst]);
}

static void
badges(FILE *o, const struct inv_findings *f)
{
	for (size_t i = 0; f != NULL && i < f->n; i++)
		fprintf(o, "<span class=\"chk %s\" title=\"%s\">%s</span>", sev_class[f->sev[i]],
		    severity_name((enum severity)f->sev[i]),
		    check_info((enum check_id)f->check[i])->name);
}

static enum severity
worst_of(const struct inv_findings *f)
{
	return f != NULL ? f->worst : SEV_OFF;
}

static void
put_target(FILE *o, const struct inv_target *t)
{
	char buf[INET6_ADDRSTRLEN];
	enum severity w = worst_of(t->host_findings);

	fprintf(o, "<li class=\"node target %s\">", sev_class[w]);
	marker(o, w);
	if (t->uri != NULL) {
		fputs("<span class=\"n\">", o);
		put_bytes(o, t->uri, t->uri_len);
		fprintf(o, "</span><span class=\"k\">URI priority %u weight %u</span></li>\n",
		    t->priority, t->weight);
		return;
	}
	fputs("<span class=\"n\">", o);
	put(o, t->name);
	fprintf(o, "</span><span class=\"k\">port %u, priority %u, weight %u", t->port,
	    t->priority, t->weight);
	if (t->via_cname) {
		fputs(", via CNAME ", o);
		put(o, t->canonical);
	}
	fputs("</span>", o);
	badges(o, t->host_findings);
	if (t->naddr > 0) {
		fputs("<ul>", o);
		for (size_t i = 0; i < t->naddr; i++) {
			fputs("<li class=\"node addr ok\"><span class=\"n\">", o);
			fputs(inet_ntop(t->addr[i].family, t->addr[i].a, buf, sizeof buf), o);
			fprintf(o, "</span><span class=\"k\">%s</span></li>",
			    t->addr[i].family == AF_INET ? "A" : "AAAA");
		}
		fputs("</ul>", o);
	}
	fputs("</li>\n", o);
}

static void
put_service(FILE *o, const struct inv_service *s)
{
	enum severity w = s->findings.worst;

	fprintf(o, "<li class=\"node svc %s\">", sev_class[w]);
	marker(o, w);
	fputs("<span class=\"n\">", o);
	if (s->instance != NULL) {
		put_bytes(o, s->instance, s->instance_len);
		fputs("</span><span class=\"k\">", o);
		put(o, s->owner);
	} else {
		put(o, s->owner);
		fputs("</span><span class=\"k\">", o);
	}
	fprintf(o, " %s", s->rrtype);
	if (s->file != NULL) {
		fputs(", ", o);
		put(o, s->file);
		fprintf(o, ":%lu", s->line);
	}
	fputs("</span>", o);
	badges(o, &s->findings);
	if (s->ntxt > 0) {
		fputs("<div class=\"txt\">TXT", o);
		for (size_t i = 0; i < s->ntxt; i++) {
			fputs(" <code>&quot;", o);
			put_bytes(o, s->txt[i].s, s->txt[i].len);
			fputs("&quot;</code>", o);
		}
		fputs("</div>", o);
	}
	if (s->ntargets > 0) {
		fputs("<ul>\n", o);
		for (size_t i = 0; i < s->ntargets; i++)
			put_target(o, &s->targets[i]);
		fputs("</ul>", o);
	}
	fputs("</li>\n", o);
}

/* The worst finding among services [first, first + n) and extra. */
static enum severity
group_worst(const struct inv_view *v, size_t first, size_t n, const struct inv_findings *extra)
{
	enum severity w = worst_of(extra);

	for (size_t i = first; i < first + n; i++) {
		const struct inv_service *s = &v->services[i];
		if (s->findings.worst > w)
			w = s->findings.worst;
		for (size_t t = 0; t < s->ntargets; t++)
			if (worst_of(s->targets[t].host_findings) > w)
				w = worst_of(s->targets[t].host_findings);
	}
	return w;
}

static void
put_type(FILE *o, const struct inv_view *v, const struct inv_type *t)
{
	enum severity w = group_worst(v, t->first, t->count, &t->findings);

	fprintf(o, "<li><details class=\"node type %s\"%s><summary>", sev_class[t->findings.worst],
	    t->count <= HTML_OPEN_MAX ? " open" : "");
	marker(o, w);
	fputs("<span class=\"n\">", o);
	put(o, t->owner);
	fprintf(o, "</span><span class=\"k\">DNS-SD type</span><span class=\"cnt\">%lu "
	    "instance%s</span>", t->instances, PL(t->instances));
	for (size_t i = 0; i < t->nsubtypes; i++) {
		fputs(i ? ", " : "<span class=\"k\">subtypes ", o);
		put(o, t->subtypes[i]);
		fputs(i + 1 == t->nsubtypes ? "</span>" : "", o);
	}
	badges(o, &t->findings);
	fputs("</summary>\n<ul>\n", o);
	for (size_t i = 0; i < t->count; i++)
		put_service(o, &v->services[t->first + i]);
	fputs("</ul></details></li>\n", o);
}

static int
same_group(const struct inv_service *a, const struct inv_service *b)
{
	return ((a->service == NULL) == (b->service == NULL)) &&
	    (a->service == NULL || strcmp(a->service, b->service) == 0) &&
	    ((a->proto == NULL) == (b->proto == NULL)) &&
	    (a->proto == NULL || strcmp(a->proto, b->proto) == 0);
}

/* Services of no announced type, one <details> per _service._proto. */
static void
put_others(FILE *o, const struct inv_view *v)
{
	size_t n = v->nservices - v->first_other;
	unsigned char *done = calloc(n ? n : 1, 1);

	for (size_t i = 0; i < n; i++) {
		const struct inv_service *g = &v->services[v->first_other + i];
		size_t count = 0;
		enum severity w = SEV_OFF;

		if (done != NULL && done[i])
			continue;
		for (size_t j = i; j < n; j++)
			if ((done == NULL ? j == i : !done[j]) &&
			    same_group(g, &v->services[v->first_other + j])) {
				enum severity x = group_worst(v, v->first_other + j, 1, NULL);
				count++;
				w = x > w ? x : w;
			}
		if (count == 1) {
			put_service(o, g);
			continue;
		}
		fprintf(o, "<li><details class=\"node group %s\"%s><summary>", sev_class[w],
		    count <= HTML_OPEN_MAX ? " open" : "");
		marker(o, w);
		fputs("<span class=\"n\">", o);
		if (g->service != NULL) {
			fputs("_", o);
			put(o, g->service);
			if (g->proto != NULL) {
				fputs("._", o);
				put(o, g->proto);
			}
		} else {
			fputs("(no service label)", o);
		}
		fprintf(o, "</span><span class=\"cnt\">%zu owner%s</span></summary>\n<ul>\n",
		    count, count == 1 ? "" : "s");
		for (size_t j = i; j < n; j++)
			if ((done == NULL ? j == i : !done[j]) &&
			    same_group(g, &v->services[v->first_other + j])) {
				put_service(o, &v->services[v->first_other + j]);
				if (done != NULL)
					done[j] = 1;
			}
		fputs("</ul></details></li>\n", o);
	}
	free(done);
}

static void
put_table(FILE *o, const struct inv_view *v)
{
	if (v->ntable == 0) {
		fputs("<p>No findings.</p>\n", o);
		return;
	}
	fputs("<table class=\"findings\"><thead><tr><th>File</th><th>Line</th><th>Check</th>"
	    "<th>Severity</th><th>Owner</th><th>Type</th><th>Message</th></tr></thead><tbody>\n", o);
	for (size_t i = 0; i < v->ntable; i++) {
		const struct inv_finding *f = &v->table[i];
		fputs("<tr><td>", o);
		put(o, f->file != NULL ? f->file : "");
		fputs("</td><td>", o);
		if (f->line)
			fprintf(o, "%lu", f->line);
		fprintf(o, "</td><td><code>%s</code></td><td class=\"sev %s\">%s</td><td><code>",
		    check_info(f->check)->name, sev_class[f->severity], severity_name(f->severity));
		put(o, f->owner);
		fputs("</code></td><td>", o);
		put(o, f->type);
		fputs("</td><td>", o);
		put(o, f->message);
		fputs("</td></tr>\n", o);
	}
	fputs("</tbody></table>\n", o);
	if (v->more_findings > 0)
		fprintf(o, "<p class=\"more\">%lu more findings not listed (the page lists at "
		    "most %d a zone or domain).</p>\n", v->more_findings, INVENTORY_FINDINGS_MAX);
}

void
html_section(struct html *h, const struct inv_view *v)
{
	FILE *o = h->f;
	enum severity w = group_worst(v, 0, v->nservices, v->findings);

	for (size_t t = 0; t < v->ntypes; t++)
		if (v->types[t].findings.worst > w)
			w = v->types[t].findings.worst;
	h->sections++;
	fputs("<section class=\"zone\">\n<h2>", o);
	marker(o, w);
	put(o, v->domain != NULL ? v->domain : "(no origin)");
	if (v->file != NULL) {
		fputs(" <span class=\"k\">", o);
		put(o, v->file);
		fputs("</span>", o);
	}
	fprintf(o, "</h2>\n<p>%zu service%s, %zu DNS-SD type%s; %lu error%s, %lu warning%s, "
	    "%lu note%s.</p>\n", v->nservices, PL(v->nservices), v->ntypes, PL(v->ntypes),
	    v->count[SEV_ERROR], PL(v->count[SEV_ERROR]), v->count[SEV_WARNING],
	    PL(v->count[SEV_WARNING]), v->count[SEV_NOTE], PL(v->count[SEV_NOTE]));
	fprintf(o, "<ul class=\"tree\"><li class=\"node domain %s\">", sev_class[worst_of(v->findings)]);
	marker(o, worst_of(v->findings));
	fputs("<span class=\"n\">", o);
	put(o, v->domain != NULL ? v->domain : "(no origin)");
	fputs("</span>", o);
	badges(o, v->findings);
	fputs("\n<ul>\n", o);
	for (size_t t = 0; t < v->ntypes; t++)
		put_type(o, v, &v->types[t]);
	put_others(o, v);
	fputs("</ul></li></ul>\n", o);
	if (v->more_services > 0 || v->more_types > 0)
		fprintf(o, "<p class=\"more\">%lu more services and %lu more service types not "
		    "shown (srvlint keeps at most %d services and %d types a zone or domain, "
		    "the first in name order).</p>\n", v->more_services, v->more_types,
		    INVENTORY_SERVICES_MAX, INVENTORY_TYPES_MAX);
	if (v->incomplete)
		fprintf(o, "<p class=\"more\">Addresses of some targets are not shown: more than "
		    "%d names had addresses before an SRV record pointed at them.</p>\n",
		    INVENTORY_POOL_MAX);
	fputs("<h3>Findings</h3>\n", o);
	put_table(o, v);
	fputs("</section>\n", o);
}

struct html *
html_open(const char *path)
{
	struct html *h = calloc(1, sizeof *h);

	if (h == NULL || (h->path = strdup(path)) == NULL) {
		report_error("%s: out of memory", path);
		free(h);
		return NULL;
	}
	if ((h->f = fopen(path, "w")) == NULL) {
		report_error("--html %s: %s", path, strerror(errno));
		free(h->path);
		free(h);
		return NULL;
	}
	fputs(head, h->f);
	return h;
}

int
html_close(struct html *h, const unsigned long *count, unsigned long units,
    const char *unit)
{
	int rc = 0;

	if (h == NULL)
		return 0;
	if (count != NULL) {
		fprintf(h->f, "<footer>%lu error%s, %lu warning%s, %lu note%s in %lu %s%s"
		    "<span class=\"k\">srvlint %s</span></footer>\n",
		    count[SEV_ERROR], count[SEV_ERROR] == 1 ? "" : "s",
		    count[SEV_WARNING], count[SEV_WARNING] == 1 ? "" : "s",
		    count[SEV_NOTE], count[SEV_NOTE] == 1 ? "" : "s", units,
		    unit != NULL ? unit : "input", units == 1 ? "" : "s", PACKAGE_VERSION);
	} else {
		fputs("<footer>The run could not be completed.</footer>\n", h->f);
	}
	fputs("</body>\n</html>\n", h->f);
	if (ferror(h->f) | (fclose(h->f) != 0)) {
		report_error("--html %s: cannot write the page", h->path);
		rc = -1;
	}
	free(h->path);
	free(h);
	return rc;
}
