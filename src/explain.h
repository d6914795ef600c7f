/*
 * explain.h -- `srvlint explain [CHECK...]`: the check table for people
 * (text) and for tools (--format json: one object a check, JSON Lines).
 */
#ifndef SRVLINT_EXPLAIN_H
#define SRVLINT_EXPLAIN_H

#include "lint.h"

/* Writes to stdout; 0, or 2 for an unknown check (after an error). */
int explain_main(const struct lint_ctx *ctx, int argc, char **argv);

#endif
