/*
 * options.c -- questions about the options that several modules ask.
 */
#include <string.h>

#include "options.h"
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
