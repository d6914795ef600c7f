/*
 * test_svcname.c -- RFC 6335 section 5.1: one row a case, then the
 * validator against the section's ABNF on every short generated string.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "svcname.h"

struct row {
	const char *name;
	size_t len;		/* 0: strlen(name) */
	unsigned broken;
};

#define E SVCNAME_EMPTY
#define L SVCNAME_TOO_LONG
#define C SVCNAME_BAD_CHAR
#define N SVCNAME_NO_LETTER
#define H SVCNAME_HYPHEN_EDGE
#define D SVCNAME_DOUBLE_HYPHEN

static const struct row rows[] = {
	{ "http", 0, 0 },
	{ "HTTP", 0, 0 },
	{ "xmpp-client", 0, 0 },
	{ "a", 0, 0 },
	{ "z39-50", 0, 0 },
	{ "914c-g", 0, 0 },
	{ "1a", 0, 0 },
	{ "a1", 0, 0 },
	{ "1-a", 0, 0 },
	{ "abcdefghijklmno", 0, 0 },		/* 15: the longest allowed */
	{ "abcdefghijklmnop", 0, L },		/* 16 */
	{ "sipfederationtls", 0, L },
	{ "", 0, E },
	{ "23", 0, N },
	{ "6000-6063", 0, N },
	{ "0", 0, N },
	{ "-", 0, N | H },
	{ "--", 0, N | H | D },
	{ "-http", 0, H },
	{ "http-", 0, H },
	{ "ht--tp", 0, D },
	{ "edi_service", 0, C },
	{ "sql*net", 0, C },
	{ "whois++", 0, C },
	{ "z39.50", 0, C },
	{ "914c/g", 0, C },
	{ "a b", 0, C },
	{ "caf\xc3\xa9", 0, C },		/* non-ASCII (UTF-8) */
	{ "ht\x1btp", 0, C },			/* ESC */
	{ "ht\0tp", 5, C },			/* NUL inside */
	{ "\0", 1, C | N },
	{ "_", 0, C | N },			/* inner underscore only */
	{ "a_", 0, C },
	{ "-a_-", 0, C | H },
	{ "12345678901234567", 0, L | N },
	{ "-aaaaaaaa--aaaaaa-", 0, L | H | D },
};

static void
test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		size_t len = rows[i].len ? rows[i].len : strlen(rows[i].name);
		unsigned got = svcname_syntax(rows[i].name, len);
		if (got != rows[i].broken)
			fail_msg("row %zu \"%s\": got 0x%x, want 0x%x", i,
			    rows[i].name, got, rows[i].broken);
	}
}

static void
test_equal(void **state)
{
	(void)state;
	assert_true(svcname_equal("HTTP", 4, "http", 4));
	assert_true(svcname_equal("Xmpp-Client", 11, "xmpp-client", 11));
	assert_false(svcname_equal("http", 4, "https", 5));
	assert_false(svcname_equal("ht\0p", 4, "ht\0q", 4));
	assert_true(svcname_equal("ht\0p", 4, "HT\0P", 4));
	/* Only ASCII folds: 0xC3 is not 0xE3. */
	assert_false(svcname_equal("\xc3", 1, "\xe3", 1));
}

static void
test_bad_char_at(void **state)
{
	(void)state;
	assert_int_equal(svcname_bad_char_at("sql*net", 7), 3);
	assert_int_equal(svcname_bad_char_at("http", 4), 4);
	assert_int_equal(svcname_bad_char_at("ht\0p", 4), 2);
}

/*
 * The ABNF of section 5.1, implemented literally and independently:
 *   SRVNAME = *(1*DIGIT [HYPHEN]) ALPHA *([HYPHEN] ALNUM)
 */
static int is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alnum(char c) { return is_alpha(c) || is_digit(c); }

static int
abnf_tail(const char *s, size_t n, size_t i)
{
	while (i < n) {
		if (s[i] == '-') {
			if (i + 1 >= n || !is_alnum(s[i + 1]))
				return 0;
			i += 2;
		} else if (is_alnum(s[i])) {
			i++;
		} else {
			return 0;
		}
	}
	return 1;
}

static int
abnf_head(const char *s, size_t n, size_t i)
{
	if (i < n && is_alpha(s[i]) && abnf_tail(s, n, i + 1))
		return 1;
	for (size_t j = i; j < n && is_digit(s[j]);) {
		j++;
		if (abnf_head(s, n, j))
			return 1;
		if (j < n && s[j] == '-' && abnf_head(s, n, j + 1))
			return 1;
	}
	return 0;
}

static int
abnf_valid(const char *s, size_t n)
{
	/* The ABNF leaves out the length limit; section 5.1 says 1-15. */
	return n >= 1 && n <= 15 && abnf_head(s, n, 0);
}

static void
check_against_abnf(const char *s, size_t n)
{
	int want = abnf_valid(s, n);
	int got = svcname_syntax(s, n) == 0;

	if (want != got)
		fail_msg("\"%.*s\" (%zu bytes): validator says %s, ABNF says %s",
		    (int)n, s, n, got ? "valid" : "invalid", want ? "valid" : "invalid");
}

static void
test_abnf_exhaustive(void **state)
{
	static const char alphabet[] = { 'a', 'Z', '0', '9', '-', '_', '.', '\0', '\xc3' };
	enum { K = sizeof(alphabet), MAXLEN = 5 };
	char s[MAXLEN];

	(void)state;
	for (size_t n = 0; n <= MAXLEN; n++) {
		size_t total = 1;
		for (size_t i = 0; i < n; i++)
			total *= K;
		for (size_t code = 0; code < total; code++) {
			size_t c = code;
			for (size_t i = 0; i < n; i++, c /= K)
				s[i] = alphabet[c % K];
			check_against_abnf(s, n);
		}
	}
}

static void
test_abnf_random(void **state)
{
	/* Long names over the valid alphabet: exercise the 15/16 limit and hyphens. */
	static const char alphabet[] = "ab1-";
	uint32_t x = 2463534242u;
	char s[20];

	(void)state;
	for (int round = 0; round < 200000; round++) {
		size_t n = 10 + round % 9;	/* 10..18 */
		for (size_t i = 0; i < n; i++) {
			x ^= x << 13; x ^= x >> 17; x ^= x << 5;
			s[i] = alphabet[x % 4];
		}
		check_against_abnf(s, n);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_bad_char_at),
		cmocka_unit_test(test_abnf_exhaustive),
		cmocka_unit_test(test_abnf_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
