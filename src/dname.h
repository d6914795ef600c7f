/*
 * dname.h -- wire-format domain names in presentation format, fast.
 *
 * ldns_rdf2str writes a name one ldns_buffer_printf("%c") per byte; on a
 * zone where many records draw findings that is a tenth of the run.  These
 * write exactly what ldns_rdf2str writes (a unit test holds them to it).
 */
#ifndef SRVLINT_DNAME_H
#define SRVLINT_DNAME_H

#include <stddef.h>
#include <stdint.h>

/*
 * Returns a new string with the presentation form of the uncompressed wire
 * name w (len bytes): "www.example.", "." for the root, escapes as ldns
 * writes them.  NULL when out of memory or when w is not a well-formed name
 * of len bytes.  The caller frees it.
 */
char *dname_str(const uint8_t *w, size_t len);

/* The longest presentation name dname_str writes, with its NUL. */
#define DNAME_STR_MAX (255 * 4 + 2)

/*
 * dname_str into buf (DNAME_STR_MAX bytes), for a name needed only for a
 * moment.  Returns buf, or NULL when w is not a well-formed name.
 */
char *dname_str_buf(const uint8_t *w, size_t len, char *buf);

#endif
