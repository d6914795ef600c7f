/*
 * inventory_out.h -- the --inventory emitters, one a format, each writing
 * one finished inventory (inventory.h) to out.  report.c picks one by
 * --format; the HTML page is html.h.
 */
#ifndef SRVLINT_INVENTORY_OUT_H
#define SRVLINT_INVENTORY_OUT_H

#include <stdio.h>

#include "inventory.h"

/* An indented tree, findings under their node; color: ANSI colours. */
void inventory_write_text(FILE *out, const struct inv_view *v, int color);
/* JSON Lines: "kind" domain, then type and service objects (cli.md). */
void inventory_write_json(FILE *out, const struct inv_view *v);

#endif
