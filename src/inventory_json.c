/*
 * inventory_json.c -- `--inventory --format json`: JSON Lines, one
 * {"kind": "type"} object per announced DNS-SD service type followed by its
 * instances, then one {"kind": "service"} object per other SRV or URI
 * owner (cli.md, Inventory).  A {"kind": "domain"} object opens each zone or
 * domain with its counts and the findings about no service or type.
 *
 * Instance names and TXT strings are raw bytes: valid UTF-8 stays as it
 * is, control bytes are \u00XX, and a byte that is not UTF-8 is written
 * as the text \DDD, as cli.md says of file names.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "inventory_out.h"
#include "utf8.h"

static void
put_str(FILE *o, const uint8_t *s, size_t len)
{
	size_t i = 0, k;

	putc('"', o);
	while (i < len) {
		unsigned char c = s[i];
		if (c == '"' || c == '\\') {
			fprintf(o, "\\%c", c);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			fprintf(o, "\\u%04x", c);
			i++;
		} else if (c < 0x80) {
			putc(c, o);
			i++;
		} else if ((k = utf8_seq(s + i, len - i)) > 0) {
			fwrite(s + i, 1, k, o);
			i += k;
		} else {
			fprintf(o, "\\\\%03u", c);
			i++;
		}
	}
	putc('"', o);
}

static void
put_cstr(FILE *o, const char *s)
{
	if (s == NULL)
		fputs("null", o);
	else
		put_str(o, (const uint8_t *)s, strlen(s));
}

static void
put_key(FILE *o, const char *key, const char *value)
{
	fprintf(o, ", \"%s\": ", key);
	put_cstr(o, value);
}

static void
put_findings(FILE *o, const struct inv_findings *f)
{
	fputs(", \"findings\": [", o);
	for (size_t i = 0; f != NULL && i < f->n; i++) {
		fputs(i ? ", " : "", o);
		put_cstr(o, check_info((enum check_id)f->check[i])->name);
	}
	putc(']', o);
}

static void
put_target(FILE *o, const struct inv_target *t)
{
	char buf[INET6_ADDRSTRLEN];

	if (t->uri != NULL) {
		fputs("{\"uri\": ", o);
		put_str(o, t->uri, t->uri_len);
		fprintf(o, ", \"priority\": %u, \"weight\": %u}", t->priority, t->weight);
		return;
	}
	fputs("{\"target\": ", o);
	put_cstr(o, t->name);
	fprintf(o, ", \"port\": %u, \"priority\": %u, \"weight\": %u, \"addresses\": [",
	    t->port, t->priority, t->weight);
	for (size_t i = 0; i < t->naddr; i++) {
		fputs(i ? ", " : "", o);
		put_cstr(o, inet_ntop(t->addr[i].family, t->addr[i].a, buf, sizeof buf));
	}
	fprintf(o, "], \"via_cname\": %s}", t->via_cname ? "true" : "false");
}

/* What service and type objects begin with. */
static void
put_head(FILE *o, const char *kind, const struct inv_view *v, const char *owner,
    const char *service, const char *proto)
{
	fprintf(o, "{\"kind\": \"%s\"", kind);
	put_key(o, "domain", v->domain);
	put_key(o, "owner", owner);
	put_key(o, "service", service);
	put_key(o, "proto", proto);
}

static void
put_service(FILE *o, const struct inv_view *v, const struct inv_service *s)
{
	put_head(o, "service", v, s->owner, s->service, s->proto);
	fputs(", \"instance\": ", o);
	if (s->instance != NULL)
		put_str(o, s->instance, s->instance_len);
	else
		fputs("null", o);
	put_key(o, "type", s->rrtype);
	if (s->file != NULL) {
		put_key(o, "file", s->file);
		fprintf(o, ", \"line\": %lu", s->line);
	}
	fputs(", \"targets\": [", o);
	for (size_t i = 0; i < s->ntargets; i++) {
		fputs(i ? ", " : "", o);
		put_target(o, &s->targets[i]);
	}
	fputs("], \"txt\": [", o);
	for (size_t i = 0; i < s->ntxt; i++) {
		fputs(i ? ", " : "", o);
		put_str(o, s->txt[i].s, s->txt[i].len);
	}
	putc(']', o);
	put_findings(o, &s->findings);
	fputs("}\n", o);
}

static void
put_type(FILE *o, const struct inv_view *v, const struct inv_type *t)
{
	put_head(o, "type", v, t->owner, t->service, t->proto);
	fputs(", \"subtypes\": [", o);
	for (size_t i = 0; i < t->nsubtypes; i++) {
		fputs(i ? ", " : "", o);
		put_cstr(o, t->subtypes[i]);
	}
	fprintf(o, "], \"instances\": %lu", t->instances);
	put_findings(o, &t->findings);
	fputs("}\n", o);
}

void
inventory_write_json(FILE *o, const struct inv_view *v)
{
	fputs("{\"kind\": \"domain\"", o);
	put_key(o, "domain", v->domain);
	if (v->file != NULL)
		put_key(o, "file", v->file);
	fprintf(o, ", \"services\": %zu, \"types\": %zu, \"more_services\": %lu, "
	    "\"more_types\": %lu, \"addresses_complete\": %s", v->nservices, v->ntypes,
	    v->more_services, v->more_types, v->incomplete ? "false" : "true");
	put_findings(o, v->findings);
	fputs("}\n", o);
	for (size_t t = 0; t < v->ntypes; t++) {
		put_type(o, v, &v->types[t]);
		for (size_t i = 0; i < v->types[t].count; i++)
			put_service(o, v, &v->services[v->types[t].first + i]);
	}
	for (size_t i = v->first_other; i < v->nservices; i++)
		put_service(o, v, &v->services[i]);
}
