/*
 * html.h -- the --html service map: one self-contained HTML5 page (inline
 * CSS and SVG, no script, no network, a Content-Security-Policy that
 * forbids scripts), written as the run goes: the head at open, one section
 * per zone or domain (the tree domain -> service types -> instances ->
 * targets -> addresses, each node marked by its worst finding, one
 * collapsible <details> per service type with its count, and the findings
 * table), the run's summary at close.  Every string from a zone or the
 * network is HTML-escaped; bytes that are not UTF-8 are written as \DDD.
 */
#ifndef SRVLINT_HTML_H
#define SRVLINT_HTML_H

#include "inventory.h"

struct html;

/* Creates path and writes the page's head.  NULL after a one-line error. */
struct html *html_open(const char *path);
/* Writes one zone's or domain's section. */
void html_section(struct html *h, const struct inv_view *v);
/*
 * Writes the summary (count by severity, units inputs called unit), closes
 * the page and frees h.  count NULL: the run failed, the page is closed
 * without one.  Returns 0, or -1 after a one-line error when the page
 * could not be written.  NULL is a no-op.
 */
int html_close(struct html *h, const unsigned long *count, unsigned long units,
    const char *unit);

#endif
