/*
 * registry_cmd.c -- `srvlint registry NAME|PORT[/PROTO]...`: what the IANA
 * registry in use (built-in or --registry) says about a service name or a
 * port.  Human-readable text on stdout, or with --format json one object
 * an operand (JSON Lines); every byte from the registry or the command line
 * goes through report_write_escaped.
 */
#include <stdio.h>
#include <string.h>

#include "modes.h"
#include "registry.h"
#include "report.h"

static void
put(const char *s)
{
	report_write_escaped(stdout, s, strlen(s), 0);
}

static void
put_transports(unsigned tp)
{
	unsigned bit;
	const char *sep = "";

	if (tp == 0) {
		fputs("none (registered without a transport protocol)", stdout);
		return;
	}
	for (bit = TP_TCP; bit <= TP_DCCP; bit <<= 1)
		if (tp & bit) {
			printf("%s%s", sep, transport_name(bit));
			sep = " ";
		}
}

/* "80/tcp", "6000-6063/udp", or "6400" for a port registered without transport */
static int
put_port(const struct reg_port *p)
{
	int n;

	if (p->port_last > p->port)
		n = printf("%u-%u", p->port, p->port_last);
	else
		n = printf("%u", p->port);
	if (p->transport != 0)
		n += printf("/%s", transport_name(p->transport));
	return n;
}

/* stun-behaviors: 5349/tcp assigned, 5349/udp "Reserved for a future ..." */
static void
list_reserved_port(void *ud, const struct reg_port *p)
{
	if (strncmp(p->description, "Reserved", 8) != 0)
		return;
	fputs("reserved:     ", stdout);
	put_port(p);
	fputs(": ", stdout);
	put(p->description);
	putchar('\n');
	(void)ud;
}

struct port_list {
	int n;
};

static void
list_port(void *ud, const struct reg_port *p)
{
	struct port_list *pl = ud;

	fputs(pl->n++ ? " " : "", stdout);
	put_port(p);
}

static void
show_name(const struct registry *reg, const struct reg_service *svc)
{
	struct port_list pl = { 0 };
	size_t i, n = registry_service_count(reg);
	int aliases = 0;

	fputs("name:         ", stdout);
	put(svc->name);
	fputs("\ndescription:  ", stdout);
	put(svc->description);
	fputs("\ntransports:   ", stdout);
	put_transports(svc->transports);
	fputs("\nports:        ", stdout);
	if (registry_service_ports(reg, svc, list_port, &pl) == 0)
		fputs("none", stdout);
	putchar('\n');
	if (svc->flags & REG_LEGACY) {
		fputs("legacy:       breaks the RFC 6335 syntax; use \"", stdout);
		put(svc->primary);
		fputs("\"\n", stdout);
	} else if (svc->flags & REG_ALIAS) {
		fputs("alias of:     ", stdout);
		put(svc->primary);
		putchar('\n');
	}
	if (svc->flags & REG_RESERVED) {
		fputs("reserved:     ", stdout);
		put(svc->note != NULL ? svc->note : "yes");
		putchar('\n');
	} else {
		registry_service_ports(reg, svc, list_reserved_port, NULL);
	}
	if (svc->flags & REG_NO_SERVICE)
		fputs("special:      not a service type (a name DNS-SD reserves)\n", stdout);
	if (svc->txt_keys != NULL) {
		fputs("TXT keys:     ", stdout);
		put(svc->txt_keys);
		putchar('\n');
	}
	/* the names that point here */
	for (i = 0; i < n; i++) {
		const struct reg_service *s = registry_service_at(reg, i);

		if (s->primary == NULL || strcmp(s->primary, svc->name) != 0)
			continue;
		fputs(aliases++ ? " " : "aliases:      ", stdout);
		put(s->name);
	}
	if (aliases)
		putchar('\n');
}

static void
show_port(void *ud, const struct reg_port *p)
{
	int n;

	(void)ud;
	n = put_port(p);
	printf("%*s", n < 14 ? 14 - n : 1, "");
	if (p->name != NULL) {
		put(p->name);
		n = (int)strlen(p->name);
	} else {
		n = printf("-");
	}
	printf("%*s", n < 16 ? 16 - n : 1, "");
	put(p->description);
	putchar('\n');
}

/*
 * Parses "80", "80/tcp", "_80._tcp"-free forms: digits, optionally a slash
 * and a transport.  Returns 1 for a port operand (port, tp set; tp 0: all),
 * 0 when arg is not a port operand, -1 when it is a bad one.
 */
static int
parse_port_arg(const char *arg, unsigned *port, unsigned *tp)
{
	const char *s = arg, *slash;
	unsigned long v = 0;

	*port = 0;
	*tp = TP_TCP | TP_UDP | TP_SCTP | TP_DCCP;
	if (*s < '0' || *s > '9')
		return 0;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((v = v * 10 + (unsigned long)(*s - '0')) > 65535)
			return -1;
	if (*s != '\0' && *s != '/')
		return 0;	/* "3com-tsmux": a name */
	*port = (unsigned)v;
	if (*s == '\0')
		return 1;
	slash = s + 1;
	if (*slash == '_')
		slash++;
	*tp = transport_parse(slash, strlen(slash));
	return *tp != 0 ? 1 : -1;
}

/* ---- --format json ---------------------------------------------------- */

static void
jstr(const char *key, const char *s, int first)
{
	printf("%s\"%s\": ", first ? "" : ", ", key);
	if (s == NULL) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	report_write_escaped(stdout, s, strlen(s), 1);
	putchar('"');
}

static void
jtransports(unsigned tp)
{
	const char *sep = "";

	fputs(", \"transports\": [", stdout);
	for (unsigned bit = TP_TCP; bit <= TP_DCCP; bit <<= 1)
		if (tp & bit) {
			printf("%s\"%s\"", sep, transport_name(bit));
			sep = ", ";
		}
	putchar(']');
}

/* {"port": 6000, "port_last": 6063, "transport": "tcp", "name": ..., "description": ...} */
static void
jport(void *ud, const struct reg_port *p)
{
	int *n = ud;

	printf("%s{\"port\": %u, \"port_last\": %u", (*n)++ ? ", " : "", p->port, p->port_last);
	jstr("transport", p->transport ? transport_name(p->transport) : NULL, 0);
	jstr("name", p->name, 0);
	jstr("description", p->description, 0);
	putchar('}');
}

static void
json_name(const struct registry *reg, const char *arg, const struct reg_service *svc)
{
	size_t i, n = registry_service_count(reg);
	int np = 0, na = 0;

	putchar('{');
	jstr("input", arg, 1);
	printf(", \"kind\": \"name\", \"found\": %s", svc ? "true" : "false");
	if (svc == NULL) {
		fputs("}\n", stdout);
		return;
	}
	jstr("name", svc->name, 0);
	jstr("description", svc->description, 0);
	jtransports(svc->transports);
	fputs(", \"ports\": [", stdout);
	registry_service_ports(reg, svc, jport, &np);
	putchar(']');
	jstr("alias_of", svc->flags & REG_ALIAS ? svc->primary : NULL, 0);
	jstr("replacement", svc->flags & REG_LEGACY ? svc->primary : NULL, 0);
	printf(", \"reserved\": %s", svc->flags & REG_RESERVED ? "true" : "false");
	jstr("reserved_note", svc->flags & REG_RESERVED ? svc->note : NULL, 0);
	printf(", \"service_type\": %s", svc->flags & REG_NO_SERVICE ? "false" : "true");
	jstr("txt_keys", svc->txt_keys, 0);
	fputs(", \"aliases\": [", stdout);
	for (i = 0; i < n; i++) {
		const struct reg_service *a = registry_service_at(reg, i);

		if (a->primary == NULL || strcmp(a->primary, svc->name) != 0)
			continue;
		printf("%s\"", na++ ? ", " : "");
		report_write_escaped(stdout, a->name, strlen(a->name), 1);
		putchar('"');
	}
	fputs("]}\n", stdout);
}

static int
json_port(const struct registry *reg, const char *arg, unsigned port, unsigned tp)
{
	int n = 0;

	putchar('{');
	jstr("input", arg, 1);
	fputs(", \"kind\": \"port\", \"assignments\": [", stdout);
	registry_port_lookup(reg, port, tp, jport, &n);
	printf("], \"found\": %s}\n", n ? "true" : "false");
	return n ? 0 : 1;
}

/* ---- one operand ------------------------------------------------------ */

static int
one(const struct registry *reg, const char *arg, int json)
{
	const struct reg_service *svc;
	const char *name = arg;
	unsigned port, tp;
	int kind = parse_port_arg(arg, &port, &tp);

	if (kind < 0) {
		report_error("registry: \"%s\": not a port (0-65535), optionally /tcp, /udp, /sctp or /dccp", arg);
		return 2;
	}
	if (kind > 0 && json)
		return json_port(reg, arg, port, tp);
	if (kind > 0) {
		if (registry_port_lookup(reg, port, tp, show_port, NULL) > 0)
			return 0;
		fputs(arg, stdout);
		fputs(": no assignment in the IANA registry\n", stdout);
		return 1;
	}
	if (name[0] == '_')
		name++;
	if (name[0] == '\0') {
		report_error("registry: empty service name");
		return 2;
	}
	svc = registry_lookup(reg, name, strlen(name));
	if (json) {
		json_name(reg, arg, svc);
		return svc != NULL ? 0 : 1;
	}
	if (svc != NULL) {
		show_name(reg, svc);
		return 0;
	}
	put(name);
	fputs(": not in the IANA registry\n", stdout);
	return 1;
}

int
registry_main(const struct lint_ctx *ctx, int argc, char **argv)
{
	int i, rc = 0, json = ctx->opt->format == FORMAT_JSON;

	if (ctx->opt->format != FORMAT_TEXT && !json) {
		report_error("registry: --format text or json");
		return 2;
	}
	if (argc < 1) {
		report_error("usage: srvlint registry NAME|PORT[/PROTO]...");
		return 2;
	}
	for (i = 0; i < argc; i++) {
		int r;

		if (i > 0 && !json)
			putchar('\n');
		r = one(ctx->reg, argv[i], json);
		if (r > rc)
			rc = r;
	}
	return rc;	/* main checks that stdout was written */
}
