/*
 * explain.c -- `srvlint explain`: every check (name, severity, summary) or
 * the named ones in full, from the check table.
 */
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "report.h"

static void
json_field(const char *key, const char *value, int first)
{
	printf("%s\"%s\": \"", first ? "" : ", ", key);
	report_write_escaped(stdout, value, strlen(value), 1);
	putchar('"');
}

static void
explain_json(const struct check_info *c)
{
	putchar('{');
	json_field("check", c->name, 1);
	json_field("severity", severity_name(c->severity), 0);
	json_field("reference", c->ref, 0);
	json_field("summary", c->summary, 0);
	json_field("fix", c->fix, 0);
	fputs("}\n", stdout);
}

int
explain_main(const struct lint_ctx *ctx, int argc, char **argv)
{
	int json = ctx->opt->format == FORMAT_JSON;

	if (ctx->opt->format != FORMAT_TEXT && !json) {
		report_error("explain: --format text or json");
		return 2;
	}
	for (int i = 0; i < argc; i++) {
		if (check_by_name(argv[i]) < 0) {
			report_error("explain: unknown check \"%s\" (srvlint explain lists them)", argv[i]);
			return 2;
		}
	}
	for (int i = 0; i < (argc ? argc : CHECK_COUNT); i++) {
		const struct check_info *c = check_info(argc ?
		    (enum check_id)check_by_name(argv[i]) : (enum check_id)i);

		if (json)
			explain_json(c);
		else if (argc == 0)
			printf("%-24s %-8s %s\n", c->name, severity_name(c->severity), c->summary);
		else
			printf("%s\n  severity:  %s\n  reference: %s\n  fires:     %s\n  fix:       %s\n",
			    c->name, severity_name(c->severity), c->ref, c->summary, c->fix);
	}
	return 0;
}
