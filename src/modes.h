/*
 * modes.h -- the commands.  Each reads its inputs, reports through r and
 * returns the exit status: report_finish()'s 0 or 1, or 2 when the run
 * could not be done (a file that cannot be read, no server answering).
 */
#ifndef SRVLINT_MODES_H
#define SRVLINT_MODES_H

#include "lint.h"
#include "report.h"

int zone_main(const struct lint_ctx *ctx, struct report *r, int argc, char **argv);
int probe_main(const struct lint_ctx *ctx, struct report *r, int argc, char **argv);
int request_main(const struct lint_ctx *ctx, struct report *r, int argc, char **argv);
int name_main(const struct lint_ctx *ctx, struct report *r, int argc, char **argv);
/* `srvlint registry NAME|PORT[/PROTO]`: prints to stdout; 0, 1 (not found) or 2. */
int registry_main(const struct lint_ctx *ctx, int argc, char **argv);
/* `srvlint request --template` */
void request_template(FILE *out);

#endif
