/*
 * options.c -- the options: one table, parsed from the command line and set
 * from configuration lines, and the usage text made from that table.
 *
 * The command line is taken apart here rather than by getopt_long, so that
 * every message is srvlint's own (prefixed, escaped: an option such as
 * $'--\e[2J' must not reach the terminal raw), so that -h and --version
 * are seen in any position, and so that parsing keeps no global state (the
 * command-line fuzz harness runs it once per input).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "report.h"
#include "svcname.h"

int
options_allowed(const struct options *opt, const char *name, size_t len)
{
	for (size_t i = 0; i < opt->nallow; i++) {
		const char *a = opt->allow[i];
		if (a[0] == '_')
			a++;
		if (svcname_equal(a, strlen(a), name, len))
			return 1;
	}
	return 0;
}

/* ---- the table ----------------------------------------------------------- */

enum opt_key {
	K_FORMAT, K_FAIL_ON, K_SEVERITY, K_ALLOW, K_CONFIG, K_NO_CONFIG,
	K_REGISTRY, K_COLOR, K_QUIET, K_ORIGIN, K_INCLUDE_DIR, K_NO_INCLUDE,
	K_JOBS, K_SERVER, K_NAMES, K_TIMEOUT, K_TRIES, K_CONCURRENCY,
	K_MAX_TIME, K_FILE, K_TEMPLATE, K_HELP, K_VERSION, K_BASELINE,
	K_WRITE_BASELINE, K_INVENTORY,
	K_HTML
};

/* Which commands an option is listed for in their usage. */
#define C_CHECK		(1u << CMD_CHECK)
#define C_NAME		(1u << CMD_NAME)
#define C_PROBE		(1u << CMD_PROBE)
#define C_REQUEST	(1u << CMD_REQUEST)
#define C_REGISTRY	(1u << CMD_REGISTRY)
#define C_EXPLAIN	(1u << CMD_EXPLAIN)
#define C_LINT		(C_CHECK | C_NAME | C_PROBE | C_REQUEST)
#define C_ALL		(C_LINT | C_REGISTRY | C_EXPLAIN)

struct optdef {
	const char *name;	/* long name, without the dashes */
	char shortc;		/* short form, or 0 */
	const char *arg;	/* the value's name in the usage, NULL: none */
	unsigned cmds;		/* C_* */
	enum opt_key key;
	const char *help;
};

static const struct optdef optdefs[] = {
	{ "format", 0, "text|json|sarif|github|gitlab", C_ALL, K_FORMAT, "output format (default text)" },
	{ "fail-on", 0, "error|warning|note|never", C_LINT, K_FAIL_ON,
	  "lowest severity that makes the exit status 1 (default warning)" },
	{ "severity", 0, "CHECK=LEVEL[,...]", C_LINT, K_SEVERITY,
	  "raise or lower checks (error, warning, note, off); repeatable" },
	{ "allow", 0, "NAME", C_LINT, K_ALLOW, "treat a service name as registered; repeatable" },
	{ "config", 0, "FILE", C_ALL, K_CONFIG,
	  "read options from FILE instead of the .srvlint.conf found" },
	{ "no-config", 0, NULL, C_ALL, K_NO_CONFIG, "read no configuration file" },
	{ "registry", 0, "FILE", C_LINT | C_REGISTRY, K_REGISTRY,
	  "IANA registry XML or CSV instead of the built-in snapshot" },
	{ "color", 0, "auto|always|never", C_LINT, K_COLOR,
	  "color in text output (auto: a terminal, NO_COLOR unset)" },
	{ "quiet", 'q', NULL, C_LINT, K_QUIET, "findings only, no summary line" },
	{ "baseline", 0, "FILE", C_LINT, K_BASELINE,
	  "report only findings whose fingerprint is not in FILE" },
	{ "write-baseline", 0, "FILE", C_LINT, K_WRITE_BASELINE,
	  "write every finding's fingerprint to FILE, and exit 0" },
	{ "origin", 'o', "NAME", C_CHECK, K_ORIGIN,
	  "origin for relative names when the file has no $ORIGIN" },
	{ "include-dir", 0, "DIR", C_CHECK, K_INCLUDE_DIR,
	  "the only directory $INCLUDE may read (default: the zone's own)" },
	{ "no-include", 0, NULL, C_CHECK, K_NO_INCLUDE, "refuse every $INCLUDE" },
	{ "jobs", 'j', "N", C_CHECK, K_JOBS, "worker threads, 1-256 (default: the number of cores)" },
	{ "server", 0, "ADDR[:PORT]", C_PROBE, K_SERVER,
	  "ask this server (default: the system resolver); repeatable" },
	{ "names", 0, "FILE", C_PROBE, K_NAMES, "extra service labels to ask, one _svc._proto a line" },
	{ "timeout", 0, "MS", C_PROBE, K_TIMEOUT,
	  "first try's timeout, 1-600000 (default 2000; doubled each later try)" },
	{ "tries", 0, "N", C_PROBE, K_TRIES, "tries per query, 1-10 (default 2)" },
	{ "concurrency", 0, "N", C_PROBE, K_CONCURRENCY, "queries in flight, 1-65535 (default 64)" },
	{ "max-time", 0, "SECONDS", C_PROBE, K_MAX_TIME,
	  "the most one domain may take, 1-3600 (default 20)" },
	{ "file", 'f', "FILE", C_PROBE, K_FILE, "domains one a line (\"-\": standard input)" },
	{ "template", 0, NULL, C_REQUEST, K_TEMPLATE, "print an empty request to fill in" },
	{ "inventory", 0, NULL, C_CHECK | C_PROBE, K_INVENTORY,
	  "print what the zone or domain advertises instead of one line a finding" },
	{ "html", 0, "FILE", C_CHECK | C_PROBE, K_HTML,
	  "also write the service map and the findings as one HTML page to FILE" },
	{ "help", 'h', NULL, C_ALL, K_HELP, "this help, and exit" },
	{ "version", 'V', NULL, C_ALL, K_VERSION, "the version and the registry's date, and exit" },
};
#define NOPTDEFS (sizeof optdefs / sizeof optdefs[0])

static const struct {
	const char *name;
	enum command cmd;
	const char *synopsis;
	const char *what;
} commands[] = {
	{ "check", CMD_CHECK, "check [OPTIONS] ZONEFILE...",
	  "check zone files (\"-\" reads standard input)" },
	{ "name", CMD_NAME, "name [OPTIONS] LABEL...",
	  "check service labels such as _http or _www._tcp (\"-\": one a line from stdin)" },
	{ "probe", CMD_PROBE, "probe [OPTIONS] DOMAIN...",
	  "query live DNS for what DOMAIN advertises, and check it" },
	{ "request", CMD_REQUEST, "request [OPTIONS] FILE...",
	  "check an IANA service name / port request (--template: an empty one)" },
	{ "registry", CMD_REGISTRY, "registry [OPTIONS] NAME|PORT[/PROTO]",
	  "show what the IANA registry says" },
	{ "explain", CMD_EXPLAIN, "explain [OPTIONS] [CHECK...]",
	  "explain a check (every check without CHECK)" },
	{ "help", CMD_HELP, "help [COMMAND]", "this help, or a command's" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static enum command
command_by_name(const char *s)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(s, commands[i].name) == 0)
			return commands[i].cmd;
	return CMD_NONE;
}

/* ---- values -------------------------------------------------------------- */

void
options_init(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->format = FORMAT_TEXT;
	o->fail_on = SEV_WARNING;
	memset(o->sev_override, -1, sizeof(o->sev_override));
	o->color = COLOR_AUTO;
	o->timeout_ms = 2000;
	o->tries = 2;
	o->concurrency = 64;
	o->max_time_s = 20;
}

static void
free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void
options_free(struct options *o)
{
	free_list(o->allow, o->nallow);
	free_list(o->servers, o->nservers);
	free((char *)o->registry_file);
	free((char *)o->origin);
	free((char *)o->include_dir);
	free((char *)o->names_file);
	free((char *)o->domains_file);
	free((char *)o->baseline);
	free((char *)o->write_baseline);
	free((char *)o->html_file);
	memset(o, 0, sizeof(*o));
}

/* Appends a copy of s to *list.  0, or -1 when out of memory. */
static int
push(char ***list, size_t *n, const char *s)
{
	char **grown = realloc(*list, (*n + 1) * sizeof(**list));
	char *copy;

	if (grown == NULL)
		return -1;
	*list = grown;
	if ((copy = strdup(s)) == NULL)
		return -1;
	grown[(*n)++] = copy;
	return 0;
}

/* Replaces *slot by a copy of s.  0, or -1 when out of memory. */
static int
set_string(const char **slot, const char *s)
{
	char *copy = strdup(s);

	if (copy == NULL)
		return -1;
	free((char *)*slot);
	*slot = copy;
	return 0;
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

/* "CHECK=LEVEL[,CHECK=LEVEL...]": all of it or nothing. */
static int
parse_severities(struct options *o, const char *arg, const char *where)
{
	signed char next[CHECK_COUNT];
	const char *p = arg;

	memcpy(next, o->sev_override, sizeof next);
	for (;;) {
		size_t len = strcspn(p, ","), klen;
		const char *eq = memchr(p, '=', len);
		char name[64], level[16];
		enum severity sev;
		int id;

		if (eq == NULL || (klen = (size_t)(eq - p)) == 0 || klen >= sizeof name) {
			report_error("%s--severity \"%.*s\": expected CHECK=LEVEL", where,
			    (int)(len > 64 ? 64 : len), p);
			return -1;
		}
		memcpy(name, p, klen);
		name[klen] = '\0';
		if ((id = check_by_name(name)) < 0) {
			report_error("%s--severity: unknown check \"%s\" (srvlint explain lists them)",
			    where, name);
			return -1;
		}
		if (len - klen - 1 >= sizeof level ||
		    (memcpy(level, eq + 1, len - klen - 1), level[len - klen - 1] = '\0',
		    severity_parse(level, &sev) != 0)) {
			report_error("%s--severity %s: level must be error, warning, note or off",
			    where, name);
			return -1;
		}
		next[id] = (signed char)sev;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	memcpy(o->sev_override, next, sizeof next);
	return 0;
}

/* Sets one option from its value (NULL when it takes none). */
static int
apply(struct options *o, const struct optdef *d, const char *arg, const char *where)
{
	const char *expect = d->arg;
	enum severity sev;
	int err = 0;

	switch (d->key) {
	case K_FORMAT:
		if (strcmp(arg, "text") == 0) o->format = FORMAT_TEXT;
		else if (strcmp(arg, "json") == 0) o->format = FORMAT_JSON;
		else if (strcmp(arg, "sarif") == 0) o->format = FORMAT_SARIF;
		else if (strcmp(arg, "github") == 0) o->format = FORMAT_GITHUB;
		else if (strcmp(arg, "gitlab") == 0) o->format = FORMAT_GITLAB;
		else goto bad_value;
		return 0;
	case K_FAIL_ON:
		if (strcmp(arg, "never") == 0) o->fail_on = FAIL_NEVER;
		else if (severity_parse(arg, &sev) == 0 && sev != SEV_OFF) o->fail_on = (int)sev;
		else goto bad_value;
		return 0;
	case K_SEVERITY:
		return parse_severities(o, arg, where);
	case K_ALLOW:
		err = push(&o->allow, &o->nallow, arg);
		break;
	case K_REGISTRY:
		err = set_string(&o->registry_file, arg);
		break;
	case K_COLOR:
		if (strcmp(arg, "auto") == 0) o->color = COLOR_AUTO;
		else if (strcmp(arg, "always") == 0) o->color = COLOR_ALWAYS;
		else if (strcmp(arg, "never") == 0) o->color = COLOR_NEVER;
		else goto bad_value;
		return 0;
	case K_QUIET:
		o->quiet = 1;
		return 0;
	case K_BASELINE:
		err = set_string(&o->baseline, arg);
		break;
	case K_WRITE_BASELINE:
		err = set_string(&o->write_baseline, arg);
		break;
	case K_ORIGIN:
		err = set_string(&o->origin, arg);
		break;
	case K_INCLUDE_DIR:
		err = set_string(&o->include_dir, arg);
		break;
	case K_NO_INCLUDE:
		o->no_include = 1;
		return 0;
	case K_JOBS:
		expect = "a number of threads 1-256";
		if (parse_int(arg, 1, 256, &o->jobs) != 0) goto bad_value;
		return 0;
	case K_SERVER:
		err = push(&o->servers, &o->nservers, arg);
		break;
	case K_NAMES:
		err = set_string(&o->names_file, arg);
		break;
	case K_TIMEOUT:
		expect = "milliseconds 1-600000";
		if (parse_int(arg, 1, 600000, &o->timeout_ms) != 0) goto bad_value;
		return 0;
	case K_TRIES:
		expect = "1-10 (c-ares doubles the timeout each try: --max-time bounds a domain)";
		if (parse_int(arg, 1, OPTIONS_MAX_TRIES, &o->tries) != 0) goto bad_value;
		return 0;
	case K_CONCURRENCY:
		expect = "1-65535";
		if (parse_int(arg, 1, 65535, &o->concurrency) != 0) goto bad_value;
		return 0;
	case K_MAX_TIME:
		expect = "seconds 1-3600";
		if (parse_int(arg, 1, OPTIONS_MAX_TIME, &o->max_time_s) != 0) goto bad_value;
		return 0;
	case K_FILE:
		err = set_string(&o->domains_file, arg);
		break;
	case K_TEMPLATE:
		o->template_only = 1;
		return 0;
	case K_INVENTORY:
		o->inventory = 1;
		return 0;
	case K_HTML:
		if (strcmp(arg, "-") == 0) {
			report_error("%s--html -: standard output carries the findings; name a file", where);
			return -1;
		}
		err = set_string(&o->html_file, arg);
		break;
	case K_CONFIG: case K_NO_CONFIG: case K_HELP: case K_VERSION:
		return 0;	/* the command line's own, see cmdline_parse */
	}
	if (err != 0) {
		report_error("%sout of memory", where);
		return -1;
	}
	return 0;
bad_value:
	report_error("%s--%s: expected %s, not \"%s\"", where, d->name, expect, arg);
	return -1;
}

int
options_set(struct options *o, const char *name, size_t namelen,
    const char *value, const char *where)
{
	const struct optdef *d = NULL;
	char prefix[512];
	int has_value = value != NULL && *value != '\0';

	snprintf(prefix, sizeof prefix, "%s: ", where);
	for (size_t i = 0; i < NOPTDEFS && d == NULL; i++)
		if (strlen(optdefs[i].name) == namelen &&
		    memcmp(optdefs[i].name, name, namelen) == 0)
			d = &optdefs[i];
	if (d == NULL || d->key == K_CONFIG || d->key == K_NO_CONFIG ||
	    d->key == K_HELP || d->key == K_VERSION) {
		report_error("%s%s option \"%.*s\"", prefix,
		    d == NULL ? "unknown" : "a configuration file cannot hold the",
		    (int)(namelen > 64 ? 64 : namelen), name);
		return -1;
	}
	if ((d->arg != NULL) != has_value) {
		report_error("%soption \"%s\" %s", prefix, d->name,
		    d->arg != NULL ? "needs a value" : "takes no value");
		return -1;
	}
	return apply(o, d, has_value ? value : NULL, prefix);
}

/* ---- the command line ------------------------------------------------------ */

struct setting {
	const struct optdef *def;
	const char *value;	/* argv's, or NULL */
};

struct cmdline {
	enum command cmd;
	enum command topic;		/* help TOPIC */
	int help, version, no_config;
	const char *config;
	struct setting *settings;
	size_t nsettings;
	char **operands;	/* after the command word */
	int noperands;
};

void
cmdline_destroy(struct cmdline *cl)
{
	if (cl == NULL)
		return;
	free(cl->settings);
	free(cl->operands);
	free(cl);
}

/*
 * The option named by arg ("name" or "name=value", no dashes): an exact
 * name, else the one long name it begins (as getopt_long allows).
 */
static size_t
command_index(enum command cmd)
{
	size_t i = 0;

	while (i + 1 < NCOMMANDS && commands[i].cmd != cmd)
		i++;
	return i;
}

static const char *
command_name(enum command cmd)
{
	return commands[command_index(cmd)].name;
}

static const struct optdef *
find_long(const char *arg, size_t len)
{
	const struct optdef *found = NULL;
	int n = 0;

	for (size_t i = 0; i < NOPTDEFS; i++) {
		if (strncmp(optdefs[i].name, arg, len) != 0)
			continue;
		if (optdefs[i].name[len] == '\0')
			return &optdefs[i];
		found = &optdefs[i];
		n++;
	}
	return n == 1 ? found : NULL;
}

static int
find_long_count(const char *arg, size_t len)
{
	int n = 0;

	for (size_t i = 0; i < NOPTDEFS; i++)
		n += strncmp(optdefs[i].name, arg, len) == 0;
	return n;
}

static const struct optdef *
find_short(char c)
{
	for (size_t i = 0; i < NOPTDEFS; i++)
		if (optdefs[i].shortc == c && c != 0)
			return &optdefs[i];
	return NULL;
}

/* Keeps one option of the command line.  0, or -1 when out of memory. */
static int
keep(struct cmdline *cl, const struct optdef *d, const char *value)
{
	struct setting *v;

	switch (d->key) {
	case K_HELP: cl->help = 1; return 0;
	case K_VERSION: cl->version = 1; return 0;
	case K_CONFIG: cl->config = value; cl->no_config = 0; return 0;
	case K_NO_CONFIG: cl->no_config = 1; cl->config = NULL; return 0;
	default: break;
	}
	if ((v = realloc(cl->settings, (cl->nsettings + 1) * sizeof *v)) == NULL)
		return -1;
	cl->settings = v;
	v[cl->nsettings].def = d;
	v[cl->nsettings].value = value;
	cl->nsettings++;
	return 0;
}

static int
keep_operand(struct cmdline *cl, char *arg)
{
	char **v;

	if (cl->cmd == CMD_NONE) {
		if ((cl->cmd = command_by_name(arg)) == CMD_NONE) {
			report_error("unknown command \"%s\" (srvlint --help lists them)", arg);
			return -1;
		}
		return 0;
	}
	if (cl->cmd == CMD_HELP && cl->topic == CMD_NONE && cl->noperands == 0 &&
	    (cl->topic = command_by_name(arg)) == CMD_NONE) {
		report_error("help: unknown command \"%s\" (srvlint --help lists them)", arg);
		return -1;
	}
	if ((v = realloc(cl->operands, ((size_t)cl->noperands + 1) * sizeof *v)) == NULL) {
		report_error("out of memory");
		return -1;
	}
	cl->operands = v;
	v[cl->noperands++] = arg;
	return 0;
}

/* "--name", "--name=value", "--name value": returns how many args it took, or -1. */
static int
parse_long(struct cmdline *cl, char **argv, int i, int argc)
{
	const char *a = argv[i] + 2;
	size_t len = strcspn(a, "=");
	const struct optdef *d = find_long(a, len);
	const char *value = a[len] == '=' ? a + len + 1 : NULL;

	if (d == NULL) {
		report_error("unknown %soption \"--%.*s\" (srvlint help%s%s lists them)",
		    find_long_count(a, len) > 1 ? "or ambiguous " : "",
		    (int)(len > 64 ? 64 : len), a, cl->cmd ? " " : "",
		    cl->cmd ? command_name(cl->cmd) : "");
		return -1;
	}
	if (d->arg == NULL && value != NULL) {
		report_error("option --%s takes no value", d->name);
		return -1;
	}
	if (d->arg != NULL && value == NULL) {
		if (i + 1 >= argc) {
			report_error("option --%s needs a value (%s)", d->name, d->arg);
			return -1;
		}
		value = argv[i + 1];
		if (keep(cl, d, value) != 0)
			goto oom;
		return 2;
	}
	if (keep(cl, d, value) != 0)
		goto oom;
	return 1;
oom:
	report_error("out of memory");
	return -1;
}

/* "-q", "-qj4", "-j 4": returns how many args it took, or -1. */
static int
parse_short(struct cmdline *cl, char **argv, int i, int argc)
{
	const char *a = argv[i] + 1;

	for (; *a != '\0'; a++) {
		const struct optdef *d = find_short(*a);
		const char *value = NULL;
		int took = 1;

		if (d == NULL) {
			char c[2] = { *a, '\0' };
			report_error("unknown option \"-%s\" (srvlint help%s%s lists them)", c,
			    cl->cmd ? " " : "", cl->cmd ? command_name(cl->cmd) : "");
			return -1;
		}
		if (d->arg != NULL) {
			if (a[1] != '\0')
				value = a + 1;
			else if (i + 1 < argc)
				value = argv[i + 1], took = 2;
			else {
				report_error("option -%c needs a value (%s)", *a, d->arg);
				return -1;
			}
		}
		if (keep(cl, d, value) != 0) {
			report_error("out of memory");
			return -1;
		}
		if (value != NULL)
			return took;
	}
	return 1;
}

struct cmdline *
cmdline_parse(int argc, char **argv)
{
	struct cmdline *cl = calloc(1, sizeof *cl);
	int i = 1, n, dashdash = 0;

	if (cl == NULL) {
		report_error("out of memory");
		return NULL;
	}
	while (i < argc) {
		char *a = argv[i];

		if (dashdash || a[0] != '-' || a[1] == '\0')
			n = keep_operand(cl, a) == 0 ? 1 : -1;
		else if (strcmp(a, "--") == 0)
			dashdash = 1, n = 1;
		else if (a[1] == '-')
			n = parse_long(cl, argv, i, argc);
		else
			n = parse_short(cl, argv, i, argc);
		if (n < 0) {
			cmdline_destroy(cl);
			return NULL;
		}
		i += n;
	}
	return cl;
}

enum command cmdline_command(const struct cmdline *cl) { return cl->cmd; }
enum command cmdline_help_topic(const struct cmdline *cl) { return cl->topic; }
int cmdline_wants_help(const struct cmdline *cl) { return cl->help; }
int cmdline_wants_version(const struct cmdline *cl) { return cl->version; }
int cmdline_no_config(const struct cmdline *cl) { return cl->no_config; }
const char *cmdline_config(const struct cmdline *cl) { return cl->config; }

char **
cmdline_operands(const struct cmdline *cl, int *n)
{
	*n = cl->noperands;
	return cl->operands;
}

int
cmdline_apply(const struct cmdline *cl, struct options *o)
{
	for (size_t i = 0; i < cl->nsettings; i++)
		if (apply(o, cl->settings[i].def, cl->settings[i].value, "") != 0)
			return -1;
	return 0;
}

/* ---- usage ----------------------------------------------------------------- */

/* The options of mask's commands; all: only those every one of them takes. */
static void
usage_options(FILE *out, unsigned mask, int all)
{
	for (size_t i = 0; i < NOPTDEFS; i++) {
		const struct optdef *d = &optdefs[i];
		char left[64];

		if (all ? (d->cmds & mask) != mask : (d->cmds & mask) == 0)
			continue;
		if (d->shortc)
			snprintf(left, sizeof left, "-%c, --%s%s%s", d->shortc, d->name,
			    d->arg ? " " : "", d->arg ? d->arg : "");
		else
			snprintf(left, sizeof left, "--%s%s%s", d->name,
			    d->arg ? " " : "", d->arg ? d->arg : "");
		fprintf(out, "  %-35s %s\n", left, d->help);
	}
}

static const char exit_text[] =
    "\nexit status: 0 nothing at or above --fail-on, 1 findings at or above it,\n"
    "2 the run could not be done\n";

void
options_usage(FILE *out, enum command cmd)
{
	if (cmd == CMD_NONE || cmd == CMD_HELP) {
		for (size_t i = 0; i < NCOMMANDS; i++)
			fprintf(out, "%s srvlint %-36s %s\n", i == 0 ? "usage:" : "      ",
			    commands[i].synopsis, commands[i].what);
		fputs("       srvlint --version | --help\n\n"
		    "options of every command that checks (check, name, probe, request):\n", out);
		usage_options(out, C_LINT, 1);
		fputs("\n`srvlint help COMMAND` lists a command's own options too.\n", out);
		fputs(exit_text, out);
		return;
	}
	fprintf(out, "usage: srvlint %s\n%s\n\noptions:\n", commands[command_index(cmd)].synopsis,
	    commands[command_index(cmd)].what);
	usage_options(out, 1u << cmd, 0);
	if (cmd != CMD_REGISTRY && cmd != CMD_EXPLAIN)
		fputs(exit_text, out);
}
