/*
 * fuzz_registry.c -- a registry file (`--registry FILE`: the IANA XML or
 * CSV, told apart by content), any bytes, through registry_load.  A file
 * that loads must make a well-formed registry: names sorted, unique,
 * lowercase and found by registry_lookup; aliases with a primary; ports in
 * range and found by registry_port_lookup.  Its first names are then judged
 * by namecheck_service against it, as `srvlint name --registry` would, and
 * shown by `srvlint registry NAME PORT` (registry_main, its standard output
 * caught in a file): no raw control or non-ASCII byte may come out.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "modes.h"
#include "namecheck.h"

#define JUDGE_MAX 32

struct portcheck {
	const struct reg_service *svc;
	unsigned seen;
	unsigned port, transport;
	int found;
};

static void
on_port(void *ud, const struct reg_port *p)
{
	struct portcheck *pc = ud;

	FUZZ_ASSERT(p->port <= p->port_last && p->port_last <= 65535,
	    "port range %u-%u", p->port, p->port_last);
	/* 0: a port registered without a transport (registry.c matches it for any) */
	FUZZ_ASSERT((p->transport & (p->transport - 1)) == 0 && p->transport <= TP_DCCP,
	    "transport 0x%x is neither 0 nor one TP_* bit", p->transport);
	FUZZ_ASSERT(p->transport == 0 || transport_name(p->transport) != NULL,
	    "transport without a name");
	if (pc->svc != NULL)
		FUZZ_ASSERT(p->name != NULL && strcmp(p->name, pc->svc->name) == 0,
		    "port %u of \"%s\" is named \"%s\"", p->port, pc->svc->name,
		    p->name ? p->name : "(null)");
	pc->seen++;
	pc->port = p->port;
	pc->transport = p->transport;
}

static void
on_lookup(void *ud, const struct reg_port *p)
{
	struct portcheck *pc = ud;

	FUZZ_ASSERT(p->port <= pc->port && pc->port <= p->port_last,
	    "registry_port_lookup(%u) gave %u-%u", pc->port, p->port, p->port_last);
	if (p->name != NULL && strcmp(p->name, pc->svc->name) == 0)
		pc->found = 1;
}

static void
judge(const struct registry *reg, const struct reg_service *svc,
    struct finding_list *l)
{
	struct lint_ctx ctx = *fuzz_ctx(0);
	struct sink sink = { fuzz_list_sink, l };
	struct finding tmpl;

	ctx.reg = reg;
	finding_init(&tmpl, CHECK_NAME_EMPTY);
	(void)namecheck_service(&ctx, svc->name, strlen(svc->name), "tcp", 3, &tmpl, &sink);
	(void)namecheck_service(&ctx, svc->name, strlen(svc->name), "udp", 3, &tmpl, &sink);
}

/* `srvlint --registry FILE registry NAME PORT` for the first service. */
static void
show(const struct registry *reg, const struct reg_service *svc, unsigned port)
{
	struct lint_ctx ctx = *fuzz_ctx(0);
	char portarg[16], *argv[3];
	const char *path = fuzz_write_file("registry.out", (const uint8_t *)"", 0);
	int fd, saved, rc;
	FILE *fp;
	char *out = NULL;
	size_t cap = 0, len;

	ctx.reg = reg;
	snprintf(portarg, sizeof portarg, "%u", port);
	argv[0] = (char *)svc->name;
	argv[1] = portarg;
	argv[2] = NULL;
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	fd = open(path, O_WRONLY | O_TRUNC);
	FUZZ_ASSERT(saved >= 0 && fd >= 0 && dup2(fd, STDOUT_FILENO) >= 0, "cannot catch stdout");
	close(fd);
	rc = registry_main(&ctx, 2, argv);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	FUZZ_ASSERT(rc >= 0 && rc <= 2, "registry_main returned %d", rc);
	fp = fopen(path, "rb");
	FUZZ_ASSERT(fp != NULL, "cannot read %s", path);
	len = getdelim(&out, &cap, '\0', fp);	/* the whole file: it holds no NUL, or fails below */
	if (len != (size_t)-1)
		fuzz_assert_clean(out, len, "srvlint registry output");
	free(out);
	fclose(fp);
}

static void
walk(const struct registry *reg)
{
	size_t n = registry_service_count(reg);
	const char *date = registry_date(reg);
	struct finding_list *l = finding_list_create();

	FUZZ_ASSERT(l != NULL && date != NULL, "registry_date NULL");
	fuzz_assert_clean(date, strlen(date), "registry date");
	for (size_t i = 0; i < n; i++) {
		const struct reg_service *svc = registry_service_at(reg, i);
		struct portcheck pc = { svc, 0, 0, 0, 0 };
		size_t count;

		FUZZ_ASSERT(svc != NULL && svc->name != NULL && svc->description != NULL,
		    "service %zu incomplete", i);
		for (const char *c = svc->name; *c; c++)
			FUZZ_ASSERT(!(*c >= 'A' && *c <= 'Z'), "name \"%s\" not lowercase", svc->name);
		if (i > 0)
			FUZZ_ASSERT(strcmp(registry_service_at(reg, i - 1)->name, svc->name) < 0,
			    "names not sorted and unique at %zu: \"%s\"", i, svc->name);
		FUZZ_ASSERT(registry_lookup(reg, svc->name, strlen(svc->name)) == svc,
		    "registry_lookup does not find \"%s\"", svc->name);
		FUZZ_ASSERT((svc->transports & ~0xfu) == 0, "transports 0x%x", svc->transports);
		if (svc->flags & (REG_ALIAS | REG_LEGACY))
			FUZZ_ASSERT(svc->primary != NULL, "\"%s\": alias/legacy without a primary",
			    svc->name);
		count = registry_service_ports(reg, svc, on_port, &pc);
		FUZZ_ASSERT(count == pc.seen, "registry_service_ports said %zu, called %u",
		    count, pc.seen);
		if (pc.seen > 0) {
			pc.found = 0;
			(void)registry_port_lookup(reg, pc.port, pc.transport, on_lookup, &pc);
			FUZZ_ASSERT(pc.found, "registry_port_lookup(%u) misses \"%s\"",
			    pc.port, svc->name);
		}
		if (i < JUDGE_MAX)
			judge(reg, svc, l);
		if (i == 0)
			show(reg, svc, pc.seen > 0 ? pc.port : 80);
	}
	fuzz_render(l, REPORT_FLAT, NULL);
	finding_list_destroy(l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file("registry", data, size);
	struct registry *reg;
	char err[256];

	memset(err, 'x', sizeof err);
	reg = registry_load(path, err, sizeof err);
	if (reg == NULL) {
		FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL && err[0] != '\0',
		    "registry_load failed without a reason");
		return 0;
	}
	walk(reg);
	registry_destroy(reg);
	return 0;
}
