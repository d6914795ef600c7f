/*
 * zscan.h -- the zone record splitter: cuts zone file text into records
 * (parentheses, quotes, comments, escapes, line numbers, srvlint-disable
 * comments) and splits a record's cleaned text into tokens.  Pure: no I/O,
 * no ldns; the reader (zone.c) feeds it blocks and the parser (zparse.c)
 * reads its tokens.
 */
#ifndef SRVLINT_ZSCAN_H
#define SRVLINT_ZSCAN_H

#include <stddef.h>

#include "check.h"
#include "zone.h"
#include "zstr.h"

#define ZSCAN_COMMENT_MAX	1024	/* comment bytes read for srvlint-disable */
#define ZSCAN_REC_BUF		(ZONE_RECORD_MAX + 4)

/*
 * One record being cut, and then cut.  rec is the caller's buffer of
 * ZSCAN_REC_BUF bytes; the other fields are the splitter's.  The state
 * lives here between zscan_feed calls, so a record may cross any number of
 * read blocks.
 */
struct zscan {
	char *rec;		/* the cleaned text, NUL-terminated */
	size_t len;		/* its length, at most ZONE_RECORD_MAX */
	unsigned long line;	/* first line with content; 0: none */
	unsigned long nl;	/* newlines consumed */
	int toolong;		/* past ZONE_RECORD_MAX: scanned to its end, not kept */
	const char *err;	/* a reason the record cannot be parsed */
	unsigned errbyte;
	check_set disabled;	/* srvlint-disable: this record (or the next) */
	check_set disabled_file;	/* srvlint-disable-file: the whole file */
	int disable_bad;	/* a directive that is not one, or names no check */
	unsigned long disable_line;	/* where the first directive is */
	char note[200];		/* what is wrong with it, for the note */
	/* the splitter's state */
	int active;		/* begun, not yet ended */
	unsigned long line0;
	int depth, inq, incomment, bs, blank;
	size_t cn;
	char comment[ZSCAN_COMMENT_MAX];
};

/* Starts cutting a record at line line0. */
void zscan_begin(struct zscan *sc, unsigned long line0);

/*
 * Cuts the record begun on from p (n bytes; eof: no more will come):
 * comments dropped, parentheses and the newlines inside them made blanks,
 * runs of blanks made one, quoted strings kept whole.  Returns the bytes
 * consumed and sets *done when the record ended (then sc->rec holds it);
 * otherwise it consumed all n and wants more.  A record whose text
 * (comments excluded) is over ZONE_RECORD_MAX bytes is scanned to its end
 * -- its closing parenthesis and the end of that line -- and comes back
 * with toolong set.
 */
size_t zscan_feed(struct zscan *sc, const unsigned char *p, size_t n, int eof,
    int *done);

/*
 * The checks that the "srvlint-disable-file" comments of text (len bytes of
 * whole lines) name: the reader looks through a whole file before reading
 * it, so that they hold for the records before them too.
 */
check_set zscan_file_checks(const char *text, size_t len);

/* A token of a cleaned record text: no comments, parentheses, newlines. */
struct ztok {
	const char *p;
	size_t n;
};

/* Splits s at blanks into at most max tokens; a quoted string is one. */
size_t ztok_split(const char *s, struct ztok *t, size_t max);
/* The same, of s whose length (up to its NUL) is len: faster on long tokens. */
size_t ztok_split_n(const char *s, size_t len, struct ztok *t, size_t max);
int ztok_is_n(const struct ztok *t, const char *word, size_t n);
/* The token is word (a string literal), case-insensitively. */
#define ztok_is(t, word) ztok_is_n((t), (word), sizeof(word) - 1)
/* A class mnemonic: IN, CH, CS, HS, NONE, ANY, CLASSnn. */
int ztok_is_class(const struct ztok *t);
/* The index of the type token: after the owner, an optional TTL and class. */
size_t ztok_type_index(const struct ztok *t, size_t n);
/*
 * Reads an unsigned decimal token: 1 when it is one (value in *v, saturated
 * at ULONG_MAX), -1 when it is a negative number, 0 when it is no number
 * (mnemonics, "1h": ldns judges those).
 */
int ztok_decimal(const struct ztok *t, unsigned long *v);

/* A name (n bytes) ends in a dot that no backslash escapes. */
int zname_absolute(const char *p, size_t n);
/*
 * Writes the absolute form of name (n bytes) under origin into dst: "@" is
 * the origin, a relative name gets ".origin".  Without an origin a relative
 * name stays as written (the parser reports it).  -1 when out of memory.
 */
int zname_resolve(struct zstr *dst, const char *name, size_t n, const char *origin);

#endif
