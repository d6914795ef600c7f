/*
 * lint.h -- what every check needs to know about the run.
 */
#ifndef SRVLINT_LINT_H
#define SRVLINT_LINT_H

#include "options.h"
#include "registry.h"

struct lint_ctx {
	const struct options *opt;
	const struct registry *reg;
	/*
	 * check, probe: judge a deployment, so findings on a de-facto name
	 * of the knowledge base drop to note.  name, request: 0, the
	 * knowledge base only adds context.
	 */
	int defacto_lowers;
};

#endif
