/*
 * options.h -- what the command line and .srvlint.conf say, for every mode.
 */
#ifndef SRVLINT_OPTIONS_H
#define SRVLINT_OPTIONS_H

#include <stddef.h>

#include "check.h"

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF };
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
	int tries;			/* --tries, default 2 */
	int concurrency;		/* --concurrency, default 64 */
	const char *domains_file;	/* -f */

	/* request */
	int template_only;		/* --template */
};

/* Returns nonzero when name (len bytes, no underscore) was given to --allow. */
int options_allowed(const struct options *opt, const char *name, size_t len);

#endif
