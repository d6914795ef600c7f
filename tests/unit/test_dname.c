/*
 * test_dname.c -- dname_str writes what ldns_rdf2str writes: fixed rows,
 * then 100,000 random names over every byte value, then malformed wire.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <ldns/ldns.h>

#include "dname.h"

struct row {
	const char *wire;
	size_t len;
	const char *want;	/* NULL: malformed */
};

static const struct row rows[] = {
	{ "\0", 1, "." },
	{ "\3www\7example\0", 13, "www.example." },
	{ "\4_sip\4_tls\0", 11, "_sip._tls." },
	{ "\3a.b\0", 5, "a\\.b." },
	{ "\5Bell\a\0", 7, "Bell\\007." },
	{ "\3a b\0", 5, "a\\032b." },
	{ "\3www", 4, NULL },		/* no root label */
	{ "\5www\0", 5, NULL },		/* label runs past the end */
	{ "\0\0", 2, NULL },		/* bytes after the root */
	{ "", 0, NULL },
};

static void
test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *got = dname_str((const uint8_t *)rows[i].wire, rows[i].len);
		if (rows[i].want == NULL)
			assert_null(got);
		else
			assert_string_equal(got, rows[i].want);
		free(got);
	}
}

static void
test_same_as_ldns(void **state)
{
	uint8_t w[256];
	uint32_t x = 12345;

	(void)state;
	for (int round = 0; round < 100000; round++) {
		size_t o = 0;
		int labels = 1 + round % 4;
		for (int l = 0; l < labels; l++) {
			int n = 1 + (int)((x = x * 1103515245u + 12345u) >> 16) % 12;
			w[o++] = (uint8_t)n;
			for (int k = 0; k < n; k++) {
				x = x * 1103515245u + 12345u;
				w[o++] = (uint8_t)(round % 3 == 0 ? (x >> 16) & 255 :
				    (unsigned char)"abc-_.;()\\\" $@9"[(x >> 16) % 16]);
			}
		}
		w[o++] = 0;
		ldns_rdf *rdf = ldns_dname_new_frm_data((uint16_t)o, w);
		char *want = ldns_rdf2str(rdf), *got = dname_str(w, o);
		assert_non_null(got);
		assert_string_equal(got, want);
		free(want);
		free(got);
		ldns_rdf_deep_free(rdf);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_same_as_ldns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
