/*
 * zscan.c -- the record splitter (zscan.h).  zscan_feed copies runs of
 * plain bytes and of comment text with memchr/memcpy, and looks at each
 * byte only where quoting, escapes, parentheses or newlines matter.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "zscan.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The bytes that end a run of a token outside quotes, or escape the next. */
static const unsigned char ztok_stop[256] = { [0] = 1, [' '] = 1, ['\t'] = 1, ['\\'] = 1 };

/* Splits s at blanks; a quoted string is one token, quotes included. */
size_t
ztok_split(const char *s, struct ztok *t, size_t max)
{
	return ztok_split_n(s, strlen(s), t, max);
}

size_t
ztok_split_n(const char *s, size_t len, struct ztok *t, size_t max)
{
	const char *end = s + len;
	size_t n = 0;
#ifdef __SSE2__
	const __m128i sp = _mm_set1_epi8(' '), ht = _mm_set1_epi8('\t');
	const __m128i bs = _mm_set1_epi8('\\'), nul = _mm_setzero_si128();
#endif

	while (n < max) {
		const char *b;

		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		b = s;
		if (*s == '"') {
			for (s++; *s != '\0' && *s != '"'; s++)
				if (*s == '\\' && s[1] != '\0')
					s++;
			if (*s == '"')
				s++;
		} else {
			for (;;) {
#ifdef __SSE2__
				/* 16 bytes at a time while they are all the text's */
				while (s + 16 <= end) {
					__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
					__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, sp),
					    _mm_cmpeq_epi8(v, ht)), _mm_or_si128(_mm_cmpeq_epi8(v, bs),
					    _mm_cmpeq_epi8(v, nul)));
					unsigned bits = (unsigned)_mm_movemask_epi8(m);

					if (bits != 0) {
						s += __builtin_ctz(bits);
						goto stop;
					}
					s += 16;
				}
#endif
				while (!ztok_stop[(unsigned char)*s])
					s++;
#ifdef __SSE2__
stop:
#endif
				if (*s != '\\')
					break;
				s += s[1] != '\0' ? 2 : 1;	/* the escaped byte is the token's */
			}
		}
		t[n].p = b;
		t[n].n = (size_t)(s - b);
		n++;
	}
	return n;
}

/* ASCII letters compared without case, as the zone format has it (no locale). */
int
ztok_is_n(const struct ztok *t, const char *word, size_t n)
{
	size_t i;

	if (t->n != n)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char a = (unsigned char)t->p[i], b = (unsigned char)word[i];

		if (a != b && !((a | 0x20) == (b | 0x20) && (a | 0x20) >= 'a' && (a | 0x20) <= 'z'))
			return 0;
	}
	return 1;
}


/* A name ends in a dot that no backslash escapes. */
int
zname_absolute(const char *p, size_t n)
{
	size_t bs = 0;

	if (n == 0 || p[n - 1] != '.')
		return 0;
	while (bs + 1 < n && p[n - 2 - bs] == '\\')
		bs++;
	return bs % 2 == 0;
}

/*
 * Writes the absolute form of name (n bytes) under origin into dst: "@" is
 * the origin, a relative name gets ".origin".  Without an origin a relative
 * name stays as written (the worker reports it).
 */
int
zname_resolve(struct zstr *dst, const char *name, size_t n, const char *origin)
{
	dst->len = 0;
	if (origin != NULL && n == 1 && name[0] == '@')
		return zstr_set(dst, origin, strlen(origin));
	if (origin == NULL || zname_absolute(name, n))
		return zstr_set(dst, name, n);
	if (zstr_set(dst, name, n) != 0 || zstr_add(dst, ".", 1) != 0)
		return -1;
	if (strcmp(origin, ".") == 0)
		return 0;
	return zstr_add(dst, origin, strlen(origin));
}

int
ztok_is_class(const struct ztok *t)
{
	return ztok_is(t, "IN") || ztok_is(t, "CH") || ztok_is(t, "CS") ||
	    ztok_is(t, "HS") || ztok_is(t, "NONE") || ztok_is(t, "ANY") ||
	    (t->n > 5 && strncasecmp(t->p, "CLASS", 5) == 0);
}

/* The index of the type token: after the owner, an optional TTL and class. */
size_t
ztok_type_index(const struct ztok *t, size_t n)
{
	size_t i = 1;

	while (i < n && i < 3 &&
	    ((t[i].p[0] >= '0' && t[i].p[0] <= '9') || ztok_is_class(&t[i])))
		i++;
	return i;
}

/*
 * Reads an unsigned decimal token: 1 when it is one (value in *v, saturated
 * at ULONG_MAX), -1 when it is a negative number, 0 when it is no number
 * (mnemonics, "1h": ldns judges those).
 */
int
ztok_decimal(const struct ztok *t, unsigned long *v)
{
	size_t i = 0;
	int neg = 0;

	*v = 0;
	if (t->n > 0 && (t->p[0] == '-' || t->p[0] == '+')) {
		neg = t->p[0] == '-';
		i = 1;
	}
	if (i == t->n)
		return 0;
	for (; i < t->n; i++) {
		unsigned d;

		if (t->p[i] < '0' || t->p[i] > '9')
			return 0;
		d = (unsigned)(t->p[i] - '0');
		*v = *v > (ULONG_MAX - d) / 10 ? ULONG_MAX : *v * 10 + d;
	}
	return neg && *v != 0 ? -1 : 1;
}


static int
zscan_bad_byte(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f;
}

static int
zscan_is_sep(char c)
{
	return c == ' ' || c == '\t' || c == ',' || c == ':' || c == '\r';
}

/* The first "srvlint" in c (n bytes), any case, at the start of a word. */
static const char *
zscan_find_word(const char *c, size_t n)
{
	for (size_t i = 0; i + 7 <= n; i++)
		if (strncasecmp(c + i, "srvlint", 7) == 0 &&
		    (i == 0 || c[i - 1] == ' ' || c[i - 1] == '\t' || c[i - 1] == ';'))
			return c + i;
	return NULL;
}

/* Adds each check named in [p, end) to *set; unknown names go to the note. */
static void
zscan_names(struct zscan *sc, const char *p, const char *end, check_set *set,
    const char *directive)
{
	size_t u = 0;
	int any = 0;

	while (p < end) {
		const char *b;
		char name[48];
		int id = -1;

		while (p < end && zscan_is_sep(*p))
			p++;
		b = p;
		while (p < end && *p != ' ' && *p != '\t' && *p != ',' && *p != '\r')
			p++;
		if (p == b)
			break;
		any = 1;
		if ((size_t)(p - b) < sizeof name) {
			memcpy(name, b, (size_t)(p - b));
			name[p - b] = '\0';
			id = check_by_name(name);
		}
		if (id >= 0) {
			CHECK_SET_ADD(*set, id);
			continue;
		}
		if (u == 0)
			u = (size_t)snprintf(sc->note, sizeof sc->note, "%s: unknown check ",
			    directive);
		if (u + 70 < sizeof sc->note)
			u += (size_t)snprintf(sc->note + u, sizeof sc->note - u, "%s\"%.*s\"",
			    sc->note[u - 1] == '"' ? ", " : "", (int)(p - b > 60 ? 60 : p - b), b);
		sc->disable_bad = 1;
	}
	if (!any) {
		snprintf(sc->note, sizeof sc->note, "%s: names no check", directive);
		sc->disable_bad = 1;
	}
}

/*
 * Reads a directive in a comment: "srvlint-disable NAME[,NAME ...]" (this
 * record; the next one when the comment stands on a line of its own) or
 * "srvlint-disable-file NAME[,...]" (every record of the file).  A word
 * that looks meant as one but is not ("srvlint-disable=X",
 * "SRVLINT-DISABLE X", "srvlint disable", "srvlint-disabled") is a note,
 * never silently ignored; "srvlint" alone is just a word.
 */
static void
zscan_comment(struct zscan *sc, const char *c, size_t n, unsigned long line)
{
	static const char key[] = "srvlint-disable", file[] = "-file";
	const char *p = zscan_find_word(c, n), *end = c + n, *q, *dend;
	int is_file;

	if (p == NULL)
		return;
	q = p + 7;
	if (q < end && (*q == '-' || *q == '_' || *q == ' '))
		q++;
	if (end - q < 7 || strncasecmp(q, "disable", 7) != 0)
		return;		/* mentions srvlint, means no directive */
	dend = q + 7;
	if (sc->disable_line == 0)
		sc->disable_line = line;
	q = p + sizeof key - 1;
	is_file = end - q >= 5 && memcmp(q, file, 5) == 0;
	if (is_file)
		q += 5;
	if (memcmp(p, key, sizeof key - 1) != 0 || (q < end && !zscan_is_sep(*q))) {
		size_t w = 0;

		while (p + w < end && (p + w < dend || (p[w] != ' ' && p[w] != '\t' && p[w] != '\r')))
			w++;
		snprintf(sc->note, sizeof sc->note, "\"%.*s\" is not a directive; "
		    "write srvlint-disable CHECK[,CHECK...] or srvlint-disable-file CHECK[,CHECK...]",
		    (int)(w > 40 ? 40 : w), p);
		sc->disable_bad = 1;
		return;
	}
	zscan_names(sc, q, end, is_file ? &sc->disabled_file : &sc->disabled,
	    is_file ? "srvlint-disable-file" : "srvlint-disable");
}

/* The ';' that starts the comment of the line [ls, at), or NULL. */
static const char *
zscan_comment_start(const char *ls, const char *at)
{
	int inq = 0;

	for (const char *p = ls; p < at; p++) {
		if (*p == '\\' && p + 1 < at)
			p++;
		else if (*p == '"')
			inq = !inq;
		else if (*p == ';' && !inq)
			return p;
	}
	return NULL;
}

check_set
zscan_file_checks(const char *text, size_t len)
{
	static const char key[] = "srvlint-disable-file";
	const char *p = text, *end = text + len, *hit;
	check_set set = 0;

	while ((hit = memmem(p, (size_t)(end - p), key, sizeof key - 1)) != NULL) {
		const char *ls = hit, *le, *semi;
		struct zscan sc;

		while (ls > text && ls[-1] != '\n')
			ls--;
		if ((le = memchr(hit, '\n', (size_t)(end - hit))) == NULL)
			le = end;
		if ((semi = zscan_comment_start(ls, hit)) != NULL) {
			size_t n = (size_t)(le - semi - 1);

			memset(&sc, 0, sizeof sc);
			zscan_comment(&sc, semi + 1, n < ZSCAN_COMMENT_MAX ? n : ZSCAN_COMMENT_MAX, 1);
			set |= sc.disabled_file;
		}
		p = le;
	}
	return set;
}

/* Bytes zscan_feed copies without a second look (outside quotes). */
static unsigned char zscan_plain[256];
static pthread_once_t zscan_plain_once = PTHREAD_ONCE_INIT;

static void
zscan_plain_init(void)
{
	unsigned c;

	for (c = 0x21; c < 256; c++)
		zscan_plain[c] = c != 0x7f && c != ';' && c != '"' && c != '(' &&
		    c != ')' && c != '\\';
}

/*
 * The end of the run of words from p[j], a plain byte (n bytes in all):
 * plain bytes, and single blanks (space or tab) between two plain bytes,
 * which is what zscan_byte would make of them one at a time.  Sixteen
 * bytes at a time where SSE2 is (while the byte after the sixteen can be
 * read), the rest byte by byte.  *tab is set when the run holds a tab.
 */
static size_t
zscan_words_end(const unsigned char *p, size_t j, size_t n, int *tab)
{
	unsigned tabs = 0;

#ifdef __SSE2__
	const __m128i low = _mm_set1_epi8(0x21), neg = _mm_set1_epi8(-1);
	const __m128i del = _mm_set1_epi8(0x7f), semi = _mm_set1_epi8(';');
	const __m128i quote = _mm_set1_epi8('"'), open = _mm_set1_epi8('(');
	const __m128i close = _mm_set1_epi8(')'), bs = _mm_set1_epi8('\\');
	const __m128i sp = _mm_set1_epi8(' '), ht = _mm_set1_epi8('\t');
	unsigned prev = 1;	/* p[j - 1] counts as plain: p[j] is */

	while (j + 16 < n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + j));
		/* 0x00-0x20: signed, above -1 and below 0x21 (0x80-0xff are plain) */
		__m128i m = _mm_and_si128(_mm_cmpgt_epi8(v, neg), _mm_cmplt_epi8(v, low));
		unsigned plain, blank, t, ok;

		m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, semi)));
		m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, open)));
		m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, close), _mm_cmpeq_epi8(v, bs)));
		plain = ~(unsigned)_mm_movemask_epi8(m) & 0xffffu;
		t = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, ht));
		blank = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sp)) | t;
		/* a blank whose neighbours are both plain (bit 16: p[j + 16]) */
		ok = plain | (blank & (plain << 1 | prev) &
		    ((plain | (unsigned)zscan_plain[p[j + 16]] << 16) >> 1));
		if (ok != 0xffffu) {
			unsigned at = (unsigned)__builtin_ctz(~ok);
			tabs |= t & ((1u << at) - 1);
			*tab = tabs != 0;
			return j + at;
		}
		tabs |= t;
		prev = plain >> 15;
		j += 16;
	}
#endif
	while (j < n) {
		if (zscan_plain[p[j]])
			j++;
		else if ((p[j] == ' ' || p[j] == '\t') && j + 1 < n && zscan_plain[p[j + 1]] &&
		    zscan_plain[p[j - 1]]) {
			tabs |= p[j] == '\t';
			j++;
		} else
			break;
	}
	*tab = tabs != 0;
	return j;
}

static void
zscan_err(struct zscan *sc, const char *why, unsigned byte)
{
	if (sc->err == NULL) {
		sc->err = why;
		sc->errbyte = byte;
	}
}

void
zscan_begin(struct zscan *sc, unsigned long line0)
{
	pthread_once(&zscan_plain_once, zscan_plain_init);
	sc->active = 1;
	sc->line0 = line0;
	sc->len = 0;
	sc->line = 0;
	sc->nl = 0;
	sc->toolong = 0;
	sc->err = NULL;
	sc->errbyte = 0;
	sc->disabled = 0;
	sc->disabled_file = 0;
	sc->disable_bad = 0;
	sc->disable_line = 0;
	sc->note[0] = '\0';
	sc->depth = 0;
	sc->inq = 0;
	sc->incomment = 0;
	sc->bs = 0;
	sc->blank = 0;
	sc->cn = 0;
}

/* The record has content from this line on. */
static void
zscan_content(struct zscan *sc)
{
	if (sc->line == 0)
		sc->line = sc->line0 + sc->nl;
}

/* Appends n bytes of text; past the cap the record is only scanned on. */
static void
zscan_put(struct zscan *sc, const char *p, size_t n)
{
	if (sc->toolong || n > ZONE_RECORD_MAX - sc->len) {
		sc->toolong = 1;
		return;
	}
	memcpy(sc->rec + sc->len, p, n);
	sc->len += n;
	sc->blank = 0;
}

/* Appends one separating blank; a run of blanks is one (escaped ones are text). */
static void
zscan_blank(struct zscan *sc)
{
	if (sc->blank)
		return;
	zscan_put(sc, " ", 1);
	sc->blank = 1;
}

/* A newline: ends the record outside parentheses.  Returns 1 then. */
static int
zscan_newline(struct zscan *sc)
{
	sc->nl++;
	if (sc->incomment) {
		zscan_comment(sc, sc->comment, sc->cn, sc->line0 + sc->nl - 1);
		sc->incomment = 0;
	}
	if (sc->inq) {
		zscan_err(sc, "missing closing quote", 0);
		sc->inq = 0;
	}
	if (sc->depth == 0)
		return 1;
	zscan_blank(sc);
	return 0;
}

/* The byte after a backslash (c == -1: none, the input ended). */
static void
zscan_escape(struct zscan *sc, int c)
{
	char two[2] = { '\\', (char)c };

	zscan_content(sc);
	if (c < 0 || c == '\n') {
		zscan_put(sc, two, 1);	/* a backslash before a newline is text */
		return;
	}
	if (zscan_bad_byte((unsigned char)c))
		zscan_err(sc, "control byte", (unsigned char)c);
	zscan_put(sc, two, 2);
}

/* The end of the record: errors of what is still open, trailing blank gone. */
static void
zscan_end(struct zscan *sc, int eof)
{
	if (eof) {
		if (sc->bs)
			zscan_escape(sc, -1);
		if (sc->incomment)
			zscan_comment(sc, sc->comment, sc->cn, sc->line0 + sc->nl);
		if (sc->inq)
			zscan_err(sc, "missing closing quote", 0);
		if (sc->depth > 0)
			zscan_err(sc, "missing ')' at the end of the file", 0);
	}
	/*
	 * A blank that stood for a trailing comment or ')' goes: ldns's URI and
	 * CAA parsers call it "superfluous text".  An escaped blank stays.
	 */
	if (sc->blank && sc->len > 0)
		sc->len--;
	sc->rec[sc->len] = '\0';
	sc->active = 0;
}

/* A run of comment text or of plain bytes from p[i], in one go; the new i. */
static size_t
zscan_run(struct zscan *sc, const unsigned char *p, size_t i, size_t n)
{
	size_t j = i, at;
	int tab;

	if (sc->incomment) {
		const unsigned char *e = memchr(p + i, '\n', n - i);

		j = e != NULL ? (size_t)(e - p) : n;
		if (sc->cn < ZSCAN_COMMENT_MAX) {
			size_t k = j - i < ZSCAN_COMMENT_MAX - sc->cn ?
			    j - i : ZSCAN_COMMENT_MAX - sc->cn;

			memcpy(sc->comment + sc->cn, p + i, k);
			sc->cn += k;
		}
		return j;
	}
	zscan_content(sc);
	j = zscan_words_end(p, j, n, &tab);
	at = sc->len;
	zscan_put(sc, (const char *)p + i, j - i);
	if (tab && !sc->toolong) {
		/* A tab between words is the blank ' ', as zscan_blank makes it. */
		char *q = sc->rec + at, *e = sc->rec + sc->len;

		while ((q = memchr(q, '\t', (size_t)(e - q))) != NULL)
			*q++ = ' ';
	}
	return j;
}

/* One byte outside comments and plain runs; 1 when it ends the record. */
static int
zscan_byte(struct zscan *sc, unsigned char c)
{
	if (c == '\n')
		return zscan_newline(sc);
	if (c == '\\') {
		sc->bs = 1;
		return 0;
	}
	if (zscan_bad_byte(c))
		zscan_err(sc, "control byte", c);
	if (sc->inq) {
		if (c == '"')
			sc->inq = 0;
		zscan_put(sc, (const char *)&c, 1);
		return 0;
	}
	switch (c) {
	case ';':
		sc->incomment = 1;
		sc->cn = 0;
		return 0;
	case '(':
		sc->depth++;
		zscan_blank(sc);
		return 0;
	case ')':
		if (sc->depth == 0)
			zscan_err(sc, "')' without '('", 0);
		else
			sc->depth--;
		zscan_blank(sc);
		return 0;
	case ' ':
	case '\t':
	case '\r':
		zscan_blank(sc);
		return 0;
	case '"':
		sc->inq = 1;
		break;
	default:
		break;
	}
	zscan_content(sc);
	zscan_put(sc, (const char *)&c, 1);
	return 0;
}

size_t
zscan_feed(struct zscan *sc, const unsigned char *p, size_t n, int eof, int *done)
{
	size_t i = 0;

	*done = 0;
	while (i < n) {
		unsigned char c = p[i];

		if (sc->bs) {
			sc->bs = 0;
			zscan_escape(sc, c);
			if (c != '\n') {
				i++;
				continue;
			}
		}
		if ((sc->incomment && c != '\n') || (!sc->inq && zscan_plain[c])) {
			i = zscan_run(sc, p, i, n);
			continue;
		}
		i++;
		if (zscan_byte(sc, c)) {
			zscan_end(sc, 0);
			*done = 1;
			return i;
		}
	}
	if (eof) {
		zscan_end(sc, 1);
		*done = 1;
	}
	return i;
}
