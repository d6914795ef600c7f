/*
 * test_report.c -- the exact bytes report.c writes: text, JSON Lines,
 * grouped JSON, SARIF, the summary line and the exit status.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report.h"

struct capture {
	char *out, *err;
	size_t outlen, errlen;
	FILE *fout, *ferr;
	struct options opt;
};

static void
capture_open(struct capture *c, enum format format)
{
	memset(c, 0, sizeof(*c));
	c->fout = open_memstream(&c->out, &c->outlen);
	c->ferr = open_memstream(&c->err, &c->errlen);
	c->opt.format = format;
	c->opt.fail_on = SEV_WARNING;
	c->opt.color = COLOR_NEVER;
	memset(c->opt.sev_override, -1, sizeof(c->opt.sev_override));
}

static void
capture_close(struct capture *c)
{
	fclose(c->fout);
	fclose(c->ferr);
}

static void
capture_free(struct capture *c)
{
	free(c->out);
	free(c->err);
}

/* Reports f alone in a flat report of format fmt; fills c.  Returns the exit status. */
static int
report_one(struct capture *c, enum format fmt, int quiet, const struct finding *f,
    const char *unit)
{
	struct report *r;
	int rc;

	capture_open(c, fmt);
	c->opt.quiet = quiet;
	r = report_create(c->fout, c->ferr, &c->opt, REPORT_FLAT);
	report_finding(r, f);
	rc = report_finish(r, 1, unit);
	report_destroy(r);
	capture_close(c);
	return rc;
}

static struct finding
alias_finding(void)
{
	struct finding f;

	finding_init(&f, CHECK_NAME_ALIAS);
	f.message = "\"www\" is an alias of \"http\"";
	f.owner = "_www._tcp.shop.example.";
	f.type = "SRV";
	f.file = "zones/shop.zone";
	f.line = 8;
	f.primary = "http";
	return f;
}

static void
test_text_line(void **state)
{
	struct capture c;
	struct finding f = alias_finding();
	int rc;

	(void)state;
	rc = report_one(&c, FORMAT_TEXT, 0, &f, "file");
	assert_string_equal(c.out, "zones/shop.zone:8: warning: _www._tcp.shop.example.: "
	    "\"www\" is an alias of \"http\" [name-alias]\n");
	assert_string_equal(c.err, "0 errors, 1 warning, 0 notes in 1 file\n");
	assert_int_equal(rc, 1);
	capture_free(&c);
}

static void
test_text_escapes_control_bytes(void **state)
{
	struct capture c;
	struct finding f = alias_finding();

	(void)state;
	f.owner = "a\x1b[2Jb.example.";
	f.message = "bell\a and \xc3\xa9";
	f.file = NULL;		/* probe form: owner first */
	report_one(&c, FORMAT_TEXT, 1, &f, "domain");
	assert_string_equal(c.out, "a\\027[2Jb.example.: warning: bell\\007 and \\195\\169 [name-alias]\n");
	assert_string_equal(c.err, "");
	capture_free(&c);
}

static void
test_json_line(void **state)
{
	struct capture c;
	struct finding f = alias_finding();

	(void)state;
	f.message = "quote \" backslash \\ esc \x1b";
	report_one(&c, FORMAT_JSON, 0, &f, "file");
	assert_string_equal(c.out, "{\"file\": \"zones/shop.zone\", \"line\": 8, "
	    "\"owner\": \"_www._tcp.shop.example.\", \"type\": \"SRV\", "
	    "\"check\": \"name-alias\", \"severity\": \"warning\", "
	    "\"message\": \"quote \\\" backslash \\\\ esc \\\\027\", \"primary\": \"http\"}\n");
	capture_free(&c);
}

static void
test_severity_override_and_fail_on(void **state)
{
	struct capture c;
	struct finding f = alias_finding();
	struct report *r;
	int rc;

	(void)state;
	/* Off drops the finding entirely. */
	capture_open(&c, FORMAT_TEXT);
	c.opt.sev_override[CHECK_NAME_ALIAS] = SEV_OFF;
	r = report_create(c.fout, c.ferr, &c.opt, REPORT_FLAT);
	report_finding(r, &f);
	rc = report_finish(r, 2, "file");
	report_destroy(r);
	capture_close(&c);
	assert_string_equal(c.out, "");
	assert_string_equal(c.err, "0 errors, 0 warnings, 0 notes in 2 files\n");
	assert_int_equal(rc, 0);
	capture_free(&c);

	/* Lowered to note: passes --fail-on warning, fails --fail-on note. */
	for (int fail_on = SEV_NOTE; fail_on <= FAIL_NEVER; fail_on++) {
		capture_open(&c, FORMAT_TEXT);
		c.opt.sev_override[CHECK_NAME_ALIAS] = SEV_NOTE;
		c.opt.fail_on = fail_on;
		r = report_create(c.fout, c.ferr, &c.opt, REPORT_FLAT);
		report_finding(r, &f);
		rc = report_finish(r, 1, "file");
		report_destroy(r);
		capture_close(&c);
		assert_int_equal(rc, fail_on == SEV_NOTE);
		assert_non_null(strstr(c.out, ": note: "));
		capture_free(&c);
	}
}

static void
test_name_group_json(void **state)
{
	struct capture c;
	struct finding f;
	struct report *r;
	int rc;

	(void)state;
	capture_open(&c, FORMAT_JSON);
	r = report_create(c.fout, c.ferr, &c.opt, REPORT_NAME);
	report_group_begin(r, "_www");
	finding_init(&f, CHECK_NAME_ALIAS);
	f.message = "alias";
	f.primary = "http";
	report_finding(r, &f);
	report_group_end(r);
	report_group_begin(r, "_a_b");
	finding_init(&f, CHECK_NAME_BAD_CHAR);
	f.message = "bad";
	report_finding(r, &f);
	report_group_end(r);
	report_group_begin(r, "_http");
	report_group_end(r);
	rc = report_finish(r, 3, "label");
	report_destroy(r);
	capture_close(&c);
	assert_string_equal(c.out,
	    "{\"input\": \"_www\", \"valid\": true, \"findings\": [{\"check\": \"name-alias\", "
	    "\"severity\": \"warning\", \"message\": \"alias\", \"primary\": \"http\"}]}\n"
	    "{\"input\": \"_a_b\", \"valid\": false, \"findings\": [{\"check\": \"name-bad-char\", "
	    "\"severity\": \"error\", \"message\": \"bad\"}]}\n"
	    "{\"input\": \"_http\", \"valid\": true, \"findings\": []}\n");
	assert_string_equal(c.err, "1 error, 1 warning, 0 notes in 3 labels\n");
	assert_int_equal(rc, 1);
	capture_free(&c);
}

static void
test_sarif_shape(void **state)
{
	struct capture c;
	struct finding f = alias_finding();
	struct report *r;
	const char *last;

	(void)state;
	capture_open(&c, FORMAT_SARIF);
	r = report_create(c.fout, c.ferr, &c.opt, REPORT_FLAT);
	report_finding(r, &f);
	report_finish(r, 1, "file");
	report_destroy(r);
	capture_close(&c);
	assert_memory_equal(c.out, "{\"version\": \"2.1.0\"", 19);
	/* One rule per check, then the result pointing at file and line. */
	for (int i = 0; i < CHECK_COUNT; i++) {
		char id[80];
		snprintf(id, sizeof(id), "{\"id\": \"%s\"", check_info((enum check_id)i)->name);
		assert_non_null(strstr(c.out, id));
	}
	assert_non_null(strstr(c.out, "\"ruleId\": \"name-alias\", \"ruleIndex\": 7, \"level\": \"warning\""));
	assert_non_null(strstr(c.out, "\"artifactLocation\": {\"uri\": \"zones/shop.zone\"}, \"region\": {\"startLine\": 8}"));
	last = c.out + c.outlen - 5;
	assert_string_equal(last, "]}]}\n");
	capture_free(&c);
}

static void
test_escape_dup(void **state)
{
	char *s = report_escape_dup("a\0b\x7f", 4);

	(void)state;
	assert_string_equal(s, "a\\000b\\127");
	free(s);
}

static void
test_show(void **state)
{
	char buf[REPORT_SHOW_BUFLEN], big[200];

	(void)state;
	assert_string_equal(report_show("a\"b\\c\0d", 7, buf, sizeof(buf)), "a\\034b\\092c\\000d");
	memset(big, 'x', sizeof(big));
	report_show(big, sizeof(big), buf, sizeof(buf));
	assert_int_equal(strlen(buf), REPORT_SHOW_MAX + 3);
	assert_string_equal(buf + REPORT_SHOW_MAX, "...");
	/* The worst case, every byte escaped and cut, fits the buffer. */
	memset(big, 0x1b, sizeof(big));
	report_show(big, sizeof(big), buf, sizeof(buf));
	assert_int_equal(strlen(buf), REPORT_SHOW_MAX * 4 + 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_line),
		cmocka_unit_test(test_text_escapes_control_bytes),
		cmocka_unit_test(test_json_line),
		cmocka_unit_test(test_severity_override_and_fail_on),
		cmocka_unit_test(test_name_group_json),
		cmocka_unit_test(test_sarif_shape),
		cmocka_unit_test(test_escape_dup),
		cmocka_unit_test(test_show),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
