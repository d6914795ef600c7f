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

#include "fingerprint.h"
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

/* The test's own text escaping: printable ASCII as it is, any other byte \\DDD. */
static size_t
escape_oracle(char *d, const char *s)
{
	size_t o = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7f)
			d[o++] = (char)c;
		else
			o += (size_t)sprintf(d + o, "\\%03u", c);
	}
	d[o] = '\0';
	return o;
}

/*
 * Lines longer than the emitter's 1,024-byte line buffer, with bytes to
 * escape at every offset around its edges (one each 13 or 7 bytes: 0x01,
 * 0x7f, 0x1f, 0x80, 0xff; and a space, which is not).
 */
static void
test_text_long_lines(void **state)
{
	static char owner[2200], message[2200], want[20000];
	(void)state;
	for (size_t n = 0; n < 2100; n += 5) {
		struct capture c;
		struct finding f = alias_finding();
		size_t o;

		for (size_t i = 0; i < n; i++) {
			owner[i] = i % 13 == 12 ? "\x01\x7f\x1f\x80 "[i / 13 % 5] : (char)('a' + i % 26);
			message[i] = i % 7 == (n % 7) ? (char)0xff : (char)('A' + i % 26);
		}
		owner[n] = message[n / 2] = '\0';
		f.owner = owner;
		f.message = message;
		o = (size_t)sprintf(want, "zones/shop.zone:8: warning: ");
		o += escape_oracle(want + o, owner);
		o += (size_t)sprintf(want + o, ": ");
		o += escape_oracle(want + o, message);
		sprintf(want + o, " [name-alias]\n");
		report_one(&c, FORMAT_TEXT, 1, &f, "file");
		assert_string_equal(c.out, want);
		capture_free(&c);
	}
}

/*
 * finding_list keeps copies: each string equal to its source after the
 * source is overwritten, strings of every length up to past one 16 KiB
 * block, and the same after a clear (the kept block used again).
 */
static void
test_finding_list_copies(void **state)
{
	static char big[40000], want[40000];
	struct finding_list *l = finding_list_create();

	(void)state;
	assert_non_null(l);
	for (int round = 0; round < 2; round++) {
		size_t lens[] = { 0, 1, 63, 200, 16383, 16384, 16385, 39999, 5 };
		size_t n = sizeof lens / sizeof lens[0];

		for (size_t k = 0; k < 3000; k++) {
			struct finding f = alias_finding();
			size_t len = k < n ? lens[k] : k % 301;

			memset(big, (int)('a' + (k + round) % 26), len);
			big[len] = '\0';
			f.message = big;
			f.owner = k % 2 ? NULL : big + len / 2;
			assert_int_equal(finding_list_add(l, &f), 0);
			memset(big, '#', len);	/* the copy must not see this */
		}
		assert_int_equal(finding_list_count(l), 3000);
		for (size_t k = 0; k < 3000; k++) {
			const struct finding *g = finding_list_get(l, k);
			size_t len = k < n ? lens[k] : k % 301;

			memset(want, (int)('a' + (k + round) % 26), len);
			want[len] = '\0';
			assert_string_equal(g->message, want);
			if (k % 2)
				assert_null(g->owner);
			else
				assert_string_equal(g->owner, want + len / 2);
			assert_string_equal(g->file, "zones/shop.zone");
			assert_string_equal(g->primary, "http");
			assert_null(g->domain);
		}
		finding_list_clear(l);
		assert_int_equal(finding_list_count(l), 0);
	}
	finding_list_destroy(l);
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
	/* Relative to %SRCROOT%, the current directory (cli.md, CI formats). */
	assert_non_null(strstr(c.out, "\"artifactLocation\": {\"uri\": \"zones/shop.zone\", "
	    "\"uriBaseId\": \"%SRCROOT%\"}, \"region\": {\"startLine\": 8}"));
	assert_non_null(strstr(c.out, "\"partialFingerprints\": {\"srvlint/v1\": \""));
	assert_non_null(strstr(c.out, "\"invocations\": [{\"executionSuccessful\": true}]"));
	/* help.markdown links the RFC section the check table names. */
	assert_non_null(strstr(c.out, "**Reference:** [RFC 6335 section 5](https://www.rfc-editor.org/rfc/rfc6335#section-5)\\n"));
	assert_non_null(strstr(c.out, "**Reference:** [RFC 2782](https://www.rfc-editor.org/rfc/rfc2782); "
	    "[RFC 6335 section 5.2](https://www.rfc-editor.org/rfc/rfc6335#section-5.2)\\n"));
	last = c.out + c.outlen - 4;
	assert_string_equal(last, "}]}\n");
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

/*
 * File names in JSON (cli.md, JSON output): valid UTF-8 stays, so a tool
 * can open the file; control characters are \u00XX, a byte that is not
 * UTF-8 is \DDD.  One row a case.
 */
static const struct { const char *file, *json; } json_path_rows[] = {
	{ "z\xc3\xbcrich.zone", "z\xc3\xbcrich.zone" },		/* issue 14: not z\\195\\188rich */
	{ "a\"b\\c", "a\\\"b\\\\c" },
	{ "tab\there\x1b\x7f", "tab\\u0009here\\u001b\\u007f" },
	{ "c1\xc2\x9b.zone", "c1\\u009b.zone" },			/* C1 CSI, valid UTF-8 */
	{ "bad\xff\xc3.zone", "bad\\\\255\\\\195.zone" },		/* not UTF-8 */
	{ "over\xc0\xaf", "over\\\\192\\\\175" },			/* overlong "/" */
	{ "sur\xed\xa0\x80", "sur\\\\237\\\\160\\\\128" },		/* a surrogate */
	{ "emoji\xf0\x9f\x93\x9c", "emoji\xf0\x9f\x93\x9c" },
};

static void
test_json_file_utf8(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(json_path_rows) / sizeof(json_path_rows[0]); i++) {
		struct capture c;
		struct finding f = alias_finding();
		char want[256];

		f.file = json_path_rows[i].file;
		report_one(&c, FORMAT_JSON, 1, &f, "file");
		snprintf(want, sizeof(want), "{\"file\": \"%s\", \"line\": 8, ", json_path_rows[i].json);
		assert_memory_equal(c.out, want, strlen(want));
		capture_free(&c);
	}
}

/* A request finding about the whole file has no line: "line" is left out, not 0. */
static void
test_json_no_line(void **state)
{
	struct capture c;
	struct finding f;
	struct report *r;

	(void)state;
	capture_open(&c, FORMAT_JSON);
	r = report_create(c.fout, c.ferr, &c.opt, REPORT_REQUEST);
	report_group_begin(r, "a.req");
	finding_init(&f, CHECK_REQUEST_MISSING_FIELD);
	f.file = "a.req";
	f.message = "missing";
	report_finding(r, &f);
	f.line = 3;
	report_finding(r, &f);
	report_finish(r, 1, "request");
	report_destroy(r);
	capture_close(&c);
	assert_string_equal(c.out, "{\"file\": \"a.req\", \"valid\": false, \"findings\": ["
	    "{\"check\": \"request-missing-field\", \"severity\": \"error\", \"message\": \"missing\"}, "
	    "{\"line\": 3, \"check\": \"request-missing-field\", \"severity\": \"error\", \"message\": \"missing\"}]}\n");
	capture_free(&c);
}

/*
 * --format github (cli.md, CI formats; GitHub's escapes as the runner
 * undoes them, actions/runner src/Runner.Common/ActionCommand.cs): one row a
 * finding and its exact line.
 */
static const struct {
	enum check_id check;
	const char *file, *owner, *message;
	unsigned long line;
	const char *want;
} github_rows[] = {
	{ CHECK_NAME_ALIAS, "zones/shop.zone", "_www._tcp.shop.example.", "alias", 8,
	  "::warning file=zones/shop.zone,line=8,title=name-alias::_www._tcp.shop.example.: alias\n" },
	{ CHECK_SRV_TARGET_CNAME, "a,b:c%d.zone", "x.", "m", 1,
	  "::error file=a%2Cb%3Ac%25d.zone,line=1,title=srv-target-cname::x.: m\n" },
	{ CHECK_NAME_EXPERIMENTAL, "z\xc3\xbc\r\n.zone", "_exp1._udp.", "100% \x1b[2J", 2,
	  "::notice file=z\xc3\xbc%0D%0A.zone,line=2,title=name-experimental::_exp1._udp.: 100%25 \\027[2J\n" },
	{ CHECK_NAME_BAD_CHAR, "\x1b\xff", "a\nb.", "m", 3,
	  "::error file=\\027\\255,line=3,title=name-bad-char::a\\010b.: m\n" },
	/* a request file as a whole: no line */
	{ CHECK_REQUEST_MISSING_FIELD, "a.req", NULL, "missing", 0,
	  "::error file=a.req,title=request-missing-field::missing\n" },
	/* probe: no file */
	{ CHECK_RESOLVE_TIMEOUT, NULL, "_sip._tcp.example.", "no answer", 0,
	  "::warning title=resolve-timeout::_sip._tcp.example.: no answer\n" },
};

static void
test_github(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(github_rows) / sizeof(github_rows[0]); i++) {
		struct capture c;
		struct finding f;

		finding_init(&f, github_rows[i].check);
		f.file = github_rows[i].file;
		f.owner = github_rows[i].owner;
		f.message = github_rows[i].message;
		f.line = github_rows[i].line;
		report_one(&c, FORMAT_GITHUB, 1, &f, "file");
		assert_string_equal(c.out, github_rows[i].want);
		capture_free(&c);
	}
}

/*
 * --format gitlab: the exact array, and the empty one.  The fingerprints
 * are SHA-256 of the parts as tests/tools/fingerprint.py computes them on
 * its own (python3 hashlib), first 32 hex digits.
 */
static void
test_gitlab(void **state)
{
	struct capture c;
	struct finding f = alias_finding();
	struct report *r;
	int rc;

	(void)state;
	capture_open(&c, FORMAT_GITLAB);
	r = report_create(c.fout, c.ferr, &c.opt, REPORT_FLAT);
	report_finding(r, &f);
	finding_init(&f, CHECK_NAME_EXPERIMENTAL);
	f.file = "z\xc3\xbc.zone";
	f.message = "exp \"1\"";
	report_finding(r, &f);
	rc = report_finish(r, 1, "file");
	report_destroy(r);
	capture_close(&c);
	assert_string_equal(c.out, "[\n"
	    "  {\"description\": \"_www._tcp.shop.example.: \\\"www\\\" is an alias of \\\"http\\\"\", "
	    "\"check_name\": \"name-alias\", \"fingerprint\": \"9fc7e31aaac5e36353e52b6c79a69084\", "
	    "\"severity\": \"major\", \"location\": {\"path\": \"zones/shop.zone\", \"lines\": {\"begin\": 8}}},\n"
	    "  {\"description\": \"exp \\\"1\\\"\", \"check_name\": \"name-experimental\", "
	    "\"fingerprint\": \"35ed5a3845c5fde1c356a341d377d6b7\", \"severity\": \"info\", "
	    "\"location\": {\"path\": \"z\xc3\xbc.zone\", \"lines\": {\"begin\": 1}}}\n"
	    "]\n");
	assert_int_equal(rc, 1);
	capture_free(&c);

	capture_open(&c, FORMAT_GITLAB);
	r = report_create(c.fout, c.ferr, &c.opt, REPORT_FLAT);
	report_finish(r, 1, "file");
	report_destroy(r);
	capture_close(&c);
	assert_string_equal(c.out, "[]\n");
	capture_free(&c);
}

/* The fingerprint of f as the first finding of a fresh run. */
static void
fingerprint_of(const struct finding *f, char out[FINGERPRINT_LEN + 1])
{
	struct fingerprinter *fp = fingerprinter_create();

	assert_non_null(fp);
	assert_int_equal(fingerprinter_next(fp, f, NULL, out), 0);
	fingerprinter_destroy(fp);
}

/*
 * cli.md, CI formats: the same across runs, not changed by the line; made
 * from check, file, owner, type and data; an occurrence number tells two
 * findings with the same parts apart.
 */
static void
test_fingerprint(void **state)
{
	struct finding f = alias_finding(), g;
	char a[FINGERPRINT_LEN + 1], b[FINGERPRINT_LEN + 1], c1[FINGERPRINT_LEN + 1];
	struct fingerprinter *fp;

	(void)state;
	fingerprint_of(&f, a);
	assert_true(fingerprint_valid(a, strlen(a)));
	g = f;
	g.line = 80;			/* lines added above */
	fingerprint_of(&g, b);
	assert_string_equal(a, b);
	g = f;
	g.owner = "_www._tcp.other.example.";
	fingerprint_of(&g, b);
	assert_string_not_equal(a, b);
	g = f;
	g.file = "zones/other.zone";
	fingerprint_of(&g, b);
	assert_string_not_equal(a, b);
	g = f;
	g.check = CHECK_NAME_UNREGISTERED;
	fingerprint_of(&g, b);
	assert_string_not_equal(a, b);
	g = f;
	g.message = "\"www\" is an alias of \"http\" (other data)";
	fingerprint_of(&g, b);
	assert_string_not_equal(a, b);

	/* The first of two keeps the fingerprint it has alone; the second differs. */
	fp = fingerprinter_create();
	fingerprinter_next(fp, &f, NULL, b);
	g = f;
	g.line = 9;
	fingerprinter_next(fp, &g, NULL, c1);
	fingerprinter_destroy(fp);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c1);
	assert_true(fingerprint_valid(c1, strlen(c1)));
	assert_false(fingerprint_valid("0123456789abcdef0123456789ABCDEF", 32));
	assert_false(fingerprint_valid("0123456789abcdef", 16));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_line),
		cmocka_unit_test(test_text_escapes_control_bytes),
		cmocka_unit_test(test_text_long_lines),
		cmocka_unit_test(test_json_line),
		cmocka_unit_test(test_severity_override_and_fail_on),
		cmocka_unit_test(test_name_group_json),
		cmocka_unit_test(test_sarif_shape),
		cmocka_unit_test(test_escape_dup),
		cmocka_unit_test(test_show),
		cmocka_unit_test(test_json_file_utf8),
		cmocka_unit_test(test_json_no_line),
		cmocka_unit_test(test_github),
		cmocka_unit_test(test_gitlab),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_finding_list_copies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
