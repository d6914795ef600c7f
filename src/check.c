/*
 * check.c -- the check table, expanded from checks.def.
 */
#include <string.h>

#include "check.h"

_Static_assert(CHECK_COUNT <= 64, "check_set holds at most 64 checks");

static const struct check_info checks[CHECK_COUNT] = {
#define CHECK(id, name, sev, ref, title, summary, fix) { name, sev, ref, title, summary, fix },
#include "checks.def"
#undef CHECK
};

const struct check_info *
check_info(enum check_id id)
{
	return &checks[id];
}

int
check_by_name(const char *name)
{
	for (int i = 0; i < CHECK_COUNT; i++)
		if (strcmp(checks[i].name, name) == 0)
			return i;
	return -1;
}

static const char *const severity_names[] = {
	[SEV_OFF] = "off", [SEV_NOTE] = "note",
	[SEV_WARNING] = "warning", [SEV_ERROR] = "error",
};

const char *
severity_name(enum severity sev)
{
	return severity_names[sev];
}

int
severity_parse(const char *s, enum severity *out)
{
	for (int i = SEV_OFF; i <= SEV_ERROR; i++)
		if (strcmp(s, severity_names[i]) == 0) {
			*out = (enum severity)i;
			return 0;
		}
	return -1;
}
