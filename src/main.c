/*
 * main.c -- srvlint's command line: options (from .srvlint.conf, --config
 * and argv, in that order), then one command.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "modes.h"
#include "registry.h"
#include "report.h"

#define DEFAULT_CONFIG ".srvlint.conf"

enum {
	OPT_FORMAT = 256, OPT_FAIL_ON, OPT_SEVERITY, OPT_ALLOW, OPT_CONFIG,
	OPT_REGISTRY, OPT_COLOR, OPT_INCLUDE_DIR, OPT_NO_INCLUDE, OPT_SERVER,
	OPT_NAMES, OPT_TIMEOUT, OPT_TRIES, OPT_CONCURRENCY, OPT_TEMPLATE,
	OPT_HELP, OPT_VERSION
};

static const struct option long_options[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "severity", required_argument, NULL, OPT_SEVERITY },
	{ "allow", required_argument, NULL, OPT_ALLOW },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "registry", required_argument, NULL, OPT_REGISTRY },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "quiet", no_argument, NULL, 'q' },
	{ "origin", required_argument, NULL, 'o' },
	{ "include-dir", required_argument, NULL, OPT_INCLUDE_DIR },
	{ "no-include", no_argument, NULL, OPT_NO_INCLUDE },
	{ "jobs", required_argument, NULL, 'j' },
	{ "server", required_argument, NULL, OPT_SERVER },
	{ "names", required_argument, NULL, OPT_NAMES },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "tries", required_argument, NULL, OPT_TRIES },
	{ "concurrency", required_argument, NULL, OPT_CONCURRENCY },
	{ "file", required_argument, NULL, 'f' },
	{ "template", no_argument, NULL, OPT_TEMPLATE },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};
static const char short_options[] = "qo:j:f:h";

static const char usage_text[] =
"usage: srvlint check [OPTIONS] ZONEFILE...     check zone files (\"-\": stdin)\n"
"       srvlint name  [OPTIONS] LABEL...        check service labels (\"-\": one a line from stdin)\n"
"       srvlint probe [OPTIONS] DOMAIN...       check what DOMAIN advertises in live DNS\n"
"       srvlint request [OPTIONS] FILE...       check an IANA service name / port request\n"
"       srvlint request --template              print an empty request to fill in\n"
"       srvlint registry NAME|PORT[/PROTO]      show what the IANA registry says\n"
"       srvlint explain [CHECK]                 explain a check (all checks without CHECK)\n"
"       srvlint --version | --help\n"
"\n"
"common options:\n"
"  --format text|json|sarif      output format (default text)\n"
"  --fail-on error|warning|note|never  lowest severity that makes the exit status 1 (default warning)\n"
"  --severity CHECK=LEVEL        raise or lower a check (error, warning, note, off); repeatable\n"
"  --allow NAME                  treat a service name as registered; repeatable\n"
"  --config FILE                 read options from FILE (default ./.srvlint.conf when present)\n"
"  --registry FILE               IANA registry XML or CSV instead of the built-in snapshot\n"
"  --color auto|always|never     color in text output (auto: a terminal without NO_COLOR)\n"
"  -q, --quiet                   findings only, no summary line\n"
"check:   -o, --origin NAME   --include-dir DIR   --no-include   -j N\n"
"probe:   --server ADDR[:PORT]   --names FILE   --timeout MS   --tries N\n"
"         --concurrency N   -f FILE\n"
"exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 the run could not be done\n";

struct cli {
	struct options opt;
	const char *config;	/* --config, or NULL */
};

/* Appends s to a NULL-less array of strings; exits 2 when out of memory. */
static void
push(char ***list, size_t *n, const char *s)
{
	char **grown = realloc(*list, (*n + 1) * sizeof(**list));
	char *copy = strdup(s);

	if (grown == NULL || copy == NULL) {
		report_error("out of memory");
		exit(2);
	}
	grown[(*n)++] = copy;
	*list = grown;
}

static int
parse_int(const char *s, long lo, long hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int
parse_severity_override(struct options *opt, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char name[64];
	enum severity sev;
	int id;

	if (eq == NULL || (size_t)(eq - arg) >= sizeof(name)) {
		report_error("--severity %s: expected CHECK=LEVEL", arg);
		return -1;
	}
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	if ((id = check_by_name(name)) < 0) {
		report_error("--severity: unknown check \"%s\" (srvlint explain lists them)", name);
		return -1;
	}
	if (severity_parse(eq + 1, &sev) != 0) {
		report_error("--severity %s: level must be error, warning, note or off", arg);
		return -1;
	}
	opt->sev_override[id] = (signed char)sev;
	return 0;
}

/* Applies one option; where names the source for errors.  0 or -1. */
static int
apply_option(struct cli *cli, int c, const char *arg)
{
	struct options *o = &cli->opt;
	enum severity sev;

	switch (c) {
	case OPT_FORMAT:
		if (strcmp(arg, "text") == 0) o->format = FORMAT_TEXT;
		else if (strcmp(arg, "json") == 0) o->format = FORMAT_JSON;
		else if (strcmp(arg, "sarif") == 0) o->format = FORMAT_SARIF;
		else { report_error("--format: expected text, json or sarif, not \"%s\"", arg); return -1; }
		return 0;
	case OPT_FAIL_ON:
		if (strcmp(arg, "never") == 0) o->fail_on = FAIL_NEVER;
		else if (severity_parse(arg, &sev) == 0 && sev != SEV_OFF) o->fail_on = (int)sev;
		else { report_error("--fail-on: expected error, warning, note or never, not \"%s\"", arg); return -1; }
		return 0;
	case OPT_SEVERITY:
		return parse_severity_override(o, arg);
	case OPT_ALLOW:
		push(&o->allow, &o->nallow, arg);
		return 0;
	case OPT_CONFIG:
		cli->config = arg;
		return 0;
	case OPT_REGISTRY:
		free((char *)o->registry_file);
		o->registry_file = strdup(arg);
		return 0;
	case OPT_COLOR:
		if (strcmp(arg, "auto") == 0) o->color = COLOR_AUTO;
		else if (strcmp(arg, "always") == 0) o->color = COLOR_ALWAYS;
		else if (strcmp(arg, "never") == 0) o->color = COLOR_NEVER;
		else { report_error("--color: expected auto, always or never, not \"%s\"", arg); return -1; }
		return 0;
	case 'q':
		o->quiet = 1;
		return 0;
	case 'o':
		free((char *)o->origin);
		o->origin = strdup(arg);
		return 0;
	case OPT_INCLUDE_DIR:
		free((char *)o->include_dir);
		o->include_dir = strdup(arg);
		return 0;
	case OPT_NO_INCLUDE:
		o->no_include = 1;
		return 0;
	case 'j':
		if (parse_int(arg, 1, 256, &o->jobs) == 0) return 0;
		report_error("-j: expected a number of threads 1-256, not \"%s\"", arg);
		return -1;
	case OPT_SERVER:
		push(&o->servers, &o->nservers, arg);
		return 0;
	case OPT_NAMES:
		free((char *)o->names_file);
		o->names_file = strdup(arg);
		return 0;
	case OPT_TIMEOUT:
		if (parse_int(arg, 1, 600000, &o->timeout_ms) == 0) return 0;
		report_error("--timeout: expected milliseconds 1-600000, not \"%s\"", arg);
		return -1;
	case OPT_TRIES:
		if (parse_int(arg, 1, 100, &o->tries) == 0) return 0;
		report_error("--tries: expected 1-100, not \"%s\"", arg);
		return -1;
	case OPT_CONCURRENCY:
		if (parse_int(arg, 1, 65535, &o->concurrency) == 0) return 0;
		report_error("--concurrency: expected 1-65535, not \"%s\"", arg);
		return -1;
	case 'f':
		free((char *)o->domains_file);
		o->domains_file = strdup(arg);
		return 0;
	case OPT_TEMPLATE:
		o->template_only = 1;
		return 0;
	}
	return -1;
}

static const struct option *
find_long(const char *name, size_t len)
{
	for (const struct option *lo = long_options; lo->name; lo++)
		if (strlen(lo->name) == len && strncmp(lo->name, name, len) == 0)
			return lo;
	return NULL;
}

/*
 * Reads a config file: one option a line, as on the command line but
 * without the dashes ("fail-on warning", "allow = minecraft"); '#' starts
 * a comment.  Returns 0, or -1 after a one-line error naming FILE:LINE.
 */
static int
read_config(struct cli *cli, const char *path, int must_exist)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int rc = 0;

	if (fp == NULL) {
		if (!must_exist && errno == ENOENT)
			return 0;
		report_error("%s: %s", path, strerror(errno));
		return -1;
	}
	while (rc == 0 && getline(&line, &cap, fp) != -1) {
		char *p = line, *key, *val, *end;
		const struct option *lo;

		lineno++;
		p[strcspn(p, "#\r\n")] = '\0';
		p += strspn(p, " \t");
		if (*p == '\0')
			continue;
		while (*p == '-')
			p++;
		key = p;
		p += strcspn(p, " \t=");
		lo = find_long(key, (size_t)(p - key));
		p += strspn(p, " \t=");
		val = p;
		end = val + strlen(val);
		while (end > val && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (lo == NULL || lo->val == OPT_CONFIG || lo->val == OPT_HELP ||
		    lo->val == OPT_VERSION) {
			report_error("%s:%lu: unknown option \"%.*s\"", path, lineno,
			    (int)strcspn(key, " \t="), key);
			rc = -1;
		} else if ((lo->has_arg == required_argument) != (*val != '\0')) {
			report_error("%s:%lu: option \"%s\" %s a value", path, lineno,
			    lo->name, *val ? "takes no" : "needs");
			rc = -1;
		} else if (apply_option(cli, lo->val, val) != 0) {
			report_error("%s:%lu: in this option", path, lineno);
			rc = -1;
		}
	}
	free(line);
	fclose(fp);
	return rc;
}

static void
init_options(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->format = FORMAT_TEXT;
	o->fail_on = SEV_WARNING;
	memset(o->sev_override, -1, sizeof(o->sev_override));
	o->color = COLOR_AUTO;
	o->timeout_ms = 2000;
	o->tries = 2;
	o->concurrency = 64;
}

/* Finds --config FILE / --config=FILE before the other options apply. */
static const char *
scan_config(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--config=", 9) == 0)
			return argv[i] + 9;
	}
	return NULL;
}

static void
free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static void
free_options(struct options *o)
{
	free_list(o->allow, o->nallow);
	free_list(o->servers, o->nservers);
	free((char *)o->registry_file);
	free((char *)o->origin);
	free((char *)o->include_dir);
	free((char *)o->names_file);
	free((char *)o->domains_file);
}

static int
explain(int argc, char **argv)
{
	if (argc == 0) {
		for (int i = 0; i < CHECK_COUNT; i++) {
			const struct check_info *c = check_info((enum check_id)i);
			printf("%-24s %-8s %s\n", c->name, severity_name(c->severity), c->summary);
		}
		return 0;
	}
	for (int i = 0; i < argc; i++) {
		int id = check_by_name(argv[i]);
		const struct check_info *c;
		if (id < 0) {
			report_error("explain: unknown check \"%s\" (srvlint explain lists them)", argv[i]);
			return 2;
		}
		c = check_info((enum check_id)id);
		printf("%s\n  severity:  %s\n  reference: %s\n  fires:     %s\n  fix:       %s\n",
		    c->name, severity_name(c->severity), c->ref, c->summary, c->fix);
	}
	return 0;
}

static int
run(const char *cmd, struct cli *cli, int argc, char **argv)
{
	struct lint_ctx ctx = { &cli->opt, registry_builtin(), 0 };
	struct registry *loaded = NULL;
	struct report *r = NULL;
	enum report_group group = REPORT_FLAT;
	int rc = 2;

	if (cli->opt.registry_file) {
		char err[512];
		if ((loaded = registry_load(cli->opt.registry_file, err, sizeof(err))) == NULL) {
			report_error("%s", err);
			return 2;
		}
		ctx.reg = loaded;
	}
	if (strcmp(cmd, "registry") == 0) {
		rc = registry_main(&ctx, argc, argv);
		goto out;
	}
	if (strcmp(cmd, "request") == 0 && cli->opt.template_only) {
		request_template(stdout);
		rc = 0;
		goto out;
	}
	if (strcmp(cmd, "name") == 0)
		group = REPORT_NAME;
	else if (strcmp(cmd, "request") == 0)
		group = REPORT_REQUEST;
	ctx.defacto_lowers = strcmp(cmd, "check") == 0 || strcmp(cmd, "probe") == 0;
	if ((r = report_create(stdout, stderr, &cli->opt, group)) == NULL) {
		report_error("out of memory");
		goto out;
	}
	if (strcmp(cmd, "check") == 0)
		rc = zone_main(&ctx, r, argc, argv);
	else if (strcmp(cmd, "probe") == 0)
		rc = probe_main(&ctx, r, argc, argv);
	else if (strcmp(cmd, "request") == 0)
		rc = request_main(&ctx, r, argc, argv);
	else
		rc = name_main(&ctx, r, argc, argv);
out:
	report_destroy(r);
	registry_destroy(loaded);
	return rc;
}

static int
is_command(const char *s)
{
	static const char *const commands[] = {
		"check", "name", "probe", "request", "registry", "explain", NULL
	};
	for (int i = 0; commands[i]; i++)
		if (strcmp(s, commands[i]) == 0)
			return 1;
	return 0;
}

/*
 * Options may come before the command word too ("srvlint --registry F name
 * _http"): finds the first operand, skipping option arguments, and moves it
 * to argv[1].  Returns its old index, or -1 when there is none.
 */
static int
find_command(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			return -1;
		if (a[0] != '-' || a[1] == '\0') {
			char *cmd = argv[i];
			memmove(&argv[2], &argv[1], (size_t)(i - 1) * sizeof(*argv));
			argv[1] = cmd;
			return i;
		}
		if (a[1] == '-') {
			const struct option *lo = find_long(a + 2, strcspn(a + 2, "="));
			if (lo && lo->has_arg == required_argument && !strchr(a, '='))
				i++;
		} else if (strchr("ojf", a[1]) && a[2] == '\0') {
			i++;
		}
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct cli cli;
	const char *cmd;
	int c, rc;

	init_options(&cli.opt);
	cli.config = NULL;
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("srvlint %s (IANA registry snapshot %s)\n", PACKAGE_VERSION,
		    registry_date(registry_builtin()));
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (find_command(argc, argv) < 0) {
		report_error("no command given (srvlint --help lists them)");
		return 2;
	}
	cmd = argv[1];
	if (!is_command(cmd)) {
		report_error("unknown command \"%s\" (srvlint --help lists them)", cmd);
		return 2;
	}
	argc--;
	argv++;
	/* Options: ./.srvlint.conf or --config first, the command line last. */
	{
		const char *conf = scan_config(argc, argv);
		if (read_config(&cli, conf ? conf : DEFAULT_CONFIG, conf != NULL) != 0) {
			free_options(&cli.opt);
			return 2;
		}
	}
	while ((c = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
		if (c == OPT_HELP || c == 'h') {
			fputs(usage_text, stdout);
			return 0;
		}
		if (c == OPT_VERSION) {
			printf("srvlint %s (IANA registry snapshot %s)\n", PACKAGE_VERSION,
			    registry_date(registry_builtin()));
			return 0;
		}
		if (c == '?' || c == ':' || apply_option(&cli, c, optarg) != 0) {
			free_options(&cli.opt);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (strcmp(cmd, "explain") == 0)
		rc = explain(argc, argv);
	else
		rc = run(cmd, &cli, argc, argv);
	free_options(&cli.opt);
	return rc;
}
