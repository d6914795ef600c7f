/*
 * request.h -- `srvlint request`: checks an IANA service name / port
 * number assignment request (RFC 6335 section 8.1.1) before it is sent.
 * request_main and request_template are declared in modes.h.
 *
 * A request is a text of `Field Name: value` lines (the fields of RFC 6335
 * section 8.1.1, names compared ignoring case, spaces and punctuation); a
 * value may continue on indented lines; blank lines and lines whose first
 * non-blank byte is '#' are ignored.
 */
#ifndef SRVLINT_REQUEST_H
#define SRVLINT_REQUEST_H

#include <stddef.h>

#include "finding.h"
#include "lint.h"

/*
 * Checks one request: text is len bytes of any value (NUL included), as
 * read from file (borrowed; used for the findings' file field, may be
 * NULL).  Every finding goes to sink with file and the 1-based line of the
 * field it is about (0 for a field that is missing).  ctx->reg must be set.
 *
 * Returns 0, or -1 when out of memory (the findings made so far were
 * reported).
 */
int request_check(const struct lint_ctx *ctx, const char *file,
    const char *text, size_t len, const struct sink *sink);

/*
 * Parses a DCCP service code in one of the text forms of RFC 4340
 * section 8.1.2 (a decimal number, "SC=" and a decimal number, "SC=x" and
 * a hexadecimal number, "SC:" and one to four characters padded with
 * spaces).  Returns 0 and sets *code, or -1 when s is none of these or
 * does not fit in 32 bits.
 */
int request_service_code_parse(const char *s, size_t len, unsigned long *code);

#endif
