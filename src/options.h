/*
 * options.h -- what the command line and .srvlint.conf say, for every mode.
 */
#ifndef SRVLINT_OPTIONS_H
#define SRVLINT_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "check.h"

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF, FORMAT_GITHUB, FORMAT_GITLAB };
#define FORMAT_LAST FORMAT_GITLAB
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* The severity that makes the exit status 1; FAIL_NEVER: none does. */
#define FAIL_NEVER 4

struct options {
	enum format format;
	int fail_on;			/* SEV_NOTE..SEV_ERROR, or FAIL_NEVER */
	signed char sev_override[CHECK_COUNT];	/* -1: keep; else enum severity */
	char **allow;			/* --allow names, as given */
	size_t nallow;
	const char *registry_file;	/* --registry, or NULL: built-in */
	enum color color;
	int quiet;
	const char *baseline;		/* --baseline FILE, or NULL */
	const char *write_baseline;	/* --write-baseline FILE, or NULL */
	int inventory;			/* check, probe: --inventory */
	const char *html_file;		/* check, probe: --html FILE, or NULL */

	/* check */
	const char *origin;		/* -o: origin for relative names, or NULL */
	const char *include_dir;	/* --include-dir, or NULL: the zone's dir */
	int no_include;			/* --no-include */
	int jobs;			/* -j; 0: number of cores */

	/* probe */
	char **servers;			/* --server ADDR[:PORT] */
	size_t nservers;
	const char *names_file;		/* --names */
	int timeout_ms;			/* --timeout, default 2000 */
	int tries;			/* --tries, default 2, at most OPTIONS_MAX_TRIES */
	int concurrency;		/* --concurrency, default 64 */
	int max_time_s;			/* --max-time: seconds a domain may take, default 20 */
	const char *domains_file;	/* -f */

	/* request */
	int template_only;		/* --template */
};

/* Returns nonzero when name (len bytes, no underscore) was given to --allow. */
int options_allowed(const struct options *opt, const char *name, size_t len);

#define OPTIONS_MAX_TRIES	10	/* c-ares doubles the timeout each try */
#define OPTIONS_MAX_TIME	3600	/* --max-time, seconds */

/* The defaults.  options_free releases what the setters allocate. */
void options_init(struct options *o);
void options_free(struct options *o);

/*
 * Sets the option called name (namelen bytes, its long name without the
 * dashes) to value, as a configuration line does; value is NULL or "" for
 * an option without one.  where ("FILE:LINE") begins every error message.
 * --config, --no-config, --help and --version are refused here.  Returns
 * 0, or -1 after a one-line error.
 */
int options_set(struct options *o, const char *name, size_t namelen,
    const char *value, const char *where);

/* The commands; CMD_NONE: no command word was given. */
enum command {
	CMD_NONE, CMD_CHECK, CMD_NAME, CMD_PROBE, CMD_REQUEST, CMD_REGISTRY,
	CMD_EXPLAIN, CMD_HELP
};

/* A command line taken apart, before anything of it is applied. */
struct cmdline;

/*
 * Parses argv[1..argc): options anywhere (before or after the command word,
 * GNU style, "--" ends them), the first operand is the command.  Nothing
 * is applied yet.  Returns a new cmdline (cmdline_destroy frees it; argv
 * is borrowed and must outlive it), or NULL after a one-line error (an
 * unknown option, a missing value, an unknown command, out of memory).
 */
struct cmdline *cmdline_parse(int argc, char **argv);
void cmdline_destroy(struct cmdline *cl);

enum command cmdline_command(const struct cmdline *cl);
/* For `srvlint help CMD`: the command asked about, or CMD_NONE. */
enum command cmdline_help_topic(const struct cmdline *cl);
int cmdline_wants_help(const struct cmdline *cl);	/* -h, --help */
int cmdline_wants_version(const struct cmdline *cl);	/* -V, --version */
int cmdline_no_config(const struct cmdline *cl);	/* --no-config */
const char *cmdline_config(const struct cmdline *cl);	/* --config FILE, or NULL */
/* The operands after the command word, in order (argv's strings). */
char **cmdline_operands(const struct cmdline *cl, int *n);

/*
 * Applies the command line's options to o, after the configuration file's
 * (so the command line wins, and lists such as --allow add up).  Returns
 * 0, or -1 after a one-line error.
 */
int cmdline_apply(const struct cmdline *cl, struct options *o);

/* Writes the usage of cmd (its options and operands), or of every command. */
void options_usage(FILE *out, enum command cmd);

#endif
