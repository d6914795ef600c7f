/*
 * check.h -- the check table (generated from checks.def) and severities.
 */
#ifndef SRVLINT_CHECK_H
#define SRVLINT_CHECK_H

#include <stddef.h>

enum severity {
	SEV_OFF = 0,		/* a check turned off by the user */
	SEV_NOTE = 1,
	SEV_WARNING = 2,
	SEV_ERROR = 3
};

enum check_id {
#define CHECK(id, name, sev, ref, title, summary, fix) CHECK_##id,
#include "checks.def"
#undef CHECK
	CHECK_COUNT
};

struct check_info {
	const char *name;	/* public name, e.g. "name-alias" */
	enum severity severity;	/* default severity */
	const char *ref;	/* RFC reference */
	const char *title;	/* a few words, for a list of alerts */
	const char *summary;	/* one line: when it fires */
	const char *fix;	/* one line: how to fix */
};

/* Returns the table row of a check; id must be < CHECK_COUNT. */
const struct check_info *check_info(enum check_id id);

/* Returns the check called name (exact, case-sensitive), or -1. */
int check_by_name(const char *name);

/* "error", "warning", "note" or "off". */
const char *severity_name(enum severity sev);

/* Parses "error", "warning", "note", "off"; returns 0, or -1 if unknown. */
int severity_parse(const char *s, enum severity *out);

/* A set of checks, e.g. the ones a suppression comment silences. */
typedef unsigned long long check_set;
#define CHECK_SET_HAS(set, id) ((((set) >> (id)) & 1ULL) != 0)
#define CHECK_SET_ADD(set, id) ((set) |= 1ULL << (id))

#endif
