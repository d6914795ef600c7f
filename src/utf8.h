/*
 * utf8.h -- UTF-8 sequences, for output that keeps valid UTF-8 as it is
 * (JSON instance names and TXT strings, the HTML page) and escapes the rest.
 */
#ifndef SRVLINT_UTF8_H
#define SRVLINT_UTF8_H

#include <stddef.h>

/*
 * The length (2-4) of the well-formed multi-byte UTF-8 sequence at p (n
 * bytes left), or 0 when p[0] starts none (ASCII, a stray continuation
 * byte, an overlong form, a surrogate, past U+10FFFF, cut short).
 */
size_t utf8_seq(const unsigned char *p, size_t n);

#endif
