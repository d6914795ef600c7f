/*
 * test_request.c -- `srvlint request`: request_check() against the built-in
 * registry, every finding asserted exactly (check, severity, line, order).
 *
 * Two tables: the request files of tests/requests/ (one a case; each file
 * states its findings in "# expect: CHECK SEVERITY LINE ["TEXT"]" comment
 * lines, TEXT being words the message must hold; tests/e2e/request.sh holds
 * the binary to the same lines), and the rows below
 * for what files cannot hold well: NUL bytes, CRLF, binary input, a 1 MB
 * line, the template, and the service code text forms.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "check.h"
#include "finding.h"
#include "lint.h"
#include "modes.h"
#include "options.h"
#include "registry.h"
#include "request.h"

#define MAX_FINDINGS 64

struct want {
	const char *check;
	const char *severity;
	unsigned long line;
	const char *says;	/* NULL, or text the message must hold */
};

struct got {
	char check[40];
	char severity[10];
	unsigned long line;
	char message[1100];
};

struct collect {
	struct got g[MAX_FINDINGS];
	size_t n;
};

static void
collect_emit(void *ud, const struct finding *f)
{
	struct collect *c = ud;

	if (c->n == MAX_FINDINGS)
		return;
	snprintf(c->g[c->n].check, sizeof(c->g[0].check), "%s", check_info(f->check)->name);
	snprintf(c->g[c->n].severity, sizeof(c->g[0].severity), "%s", severity_name(f->severity));
	snprintf(c->g[c->n].message, sizeof(c->g[0].message), "%s", f->message ? f->message : "");
	c->g[c->n].line = f->line;
	c->n++;
}

static struct options opt;

/* Runs request_check on text and asserts the findings are exactly want[0..nwant). */
static void
expect(const char *what, const char *text, size_t len, const struct want *want,
    size_t nwant)
{
	struct lint_ctx ctx = { &opt, registry_builtin(), 0 };
	struct collect *c = calloc(1, sizeof(*c));
	struct sink sink = { collect_emit, c };
	int mismatch = 0;

	assert_non_null(c);
	assert_int_equal(request_check(&ctx, what, text, len, &sink), 0);
	if (c->n != nwant)
		mismatch = 1;
	for (size_t i = 0; i < c->n && i < nwant && !mismatch; i++)
		if (strcmp(c->g[i].check, want[i].check) != 0 ||
		    strcmp(c->g[i].severity, want[i].severity) != 0 ||
		    c->g[i].line != want[i].line ||
		    (want[i].says != NULL && strstr(c->g[i].message, want[i].says) == NULL))
			mismatch = 1;
	if (mismatch) {
		print_error("%s: want %zu findings:\n", what, nwant);
		for (size_t i = 0; i < nwant; i++)
			print_error("  %s %s %lu %s\n", want[i].check, want[i].severity,
			    want[i].line, want[i].says ? want[i].says : "");
		print_error("got %zu:\n", c->n);
		for (size_t i = 0; i < c->n; i++)
			print_error("  %s %s %lu: %s\n", c->g[i].check, c->g[i].severity,
			    c->g[i].line, c->g[i].message);
	}
	free(c);
	assert_false(mismatch);
}

/* ---- table 1: the request files ------------------------------------- */

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
		*len = fread(buf, 1, (size_t)n, fp);
		buf[*len] = '\0';
	}
	fclose(fp);
	return buf;
}

static void
test_file(void **state)
{
	const char *path = *state;
	struct want want[MAX_FINDINGS];
	char checks[MAX_FINDINGS][40], sevs[MAX_FINDINGS][10], says[MAX_FINDINGS][200];
	size_t len = 0, nwant = 0;
	char *text = slurp(path, &len);
	int said = 0;

	assert_non_null(text);
	for (char *p = text; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		unsigned long line;
		int used = 0;
		if (strncmp(p, "# expect: nothing", 17) == 0) {
			said = 1;
			continue;
		}
		if (sscanf(p, "# expect: %39s %9s %lu%n", checks[nwant], sevs[nwant], &line,
		    &used) != 3)
			continue;
		assert_true(nwant < MAX_FINDINGS);
		want[nwant] = (struct want){ checks[nwant], sevs[nwant], line, NULL };
		/* An optional "TEXT": up to the last quote of the line. */
		char *q = p + used, *eol = q + strcspn(q, "\n"), *last = eol;
		while (q < eol && *q == ' ')
			q++;
		if (q < eol && *q == '"') {
			while (last > q + 1 && last[-1] != '"')
				last--;
			assert_true(last > q + 1 && (size_t)(last - q - 2) < sizeof(says[0]));
			memcpy(says[nwant], q + 1, (size_t)(last - q - 2));
			says[nwant][last - q - 2] = '\0';
			want[nwant].says = says[nwant];
		}
		nwant++;
		said = 1;
	}
	if (!said)
		fail_msg("%s: no \"# expect:\" line", path);
	expect(path, text, len, want, nwant);
	free(text);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- table 2: rows ---------------------------------------------------- */

#define W(c, s, l) { c, s, l, NULL }
#define WS(c, s, l, t) { c, s, l, t }
#define END { NULL, NULL, 0, NULL }

/* A sound request, fields on lines 1-7. */
#define SOUND_NAME "Service Name: zq-telemetry\n"
#define SOUND_REST \
	"Transport Protocol(s): TCP, UDP\n" \
	"Assignee: Example Telemetry Inc. <iana@telemetry.example>\n" \
	"Contact: Dana Roe <dana@telemetry.example>\n" \
	"Description: Telemetry collection for ZQ sensors\n" \
	"Reference: https://telemetry.example/spec; unicast only; a dynamic port cannot be found.\n" \
	"Port Number: 4381\n"

static const struct row {
	const char *name;
	const char *text;
	size_t len;		/* 0: strlen(text) */
	struct want want[8];
} rows[] = {
	{ "sound", SOUND_NAME SOUND_REST, 0, { END } },
	{ "crlf",
	  "Service Name: zq-telemetry\r\nTransport Protocol(s): TCP\r\n"
	  "Assignee: A <a@example.org>\r\nContact: B <b@example.org>\r\n"
	  "Description: Telemetry\r\nReference: spec; no broadcast\r\n", 0, { END } },
	{ "byte order mark", "\xef\xbb\xbf" SOUND_NAME SOUND_REST, 0, { END } },
	{ "field names with punctuation",
	  "service_name: zq-telemetry\ntransport-protocol(s): tcp\nAssignee.: A\n"
	  "Contact: B\nDescription: D\nReference: no broadcast\n", 0, { END } },
	{ "no final newline",
	  "Service Name: zq-telemetry\nTransport Protocol(s): TCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast", 0, { END } },
	{ "indented comment inside a value",
	  "Service Name: zq-telemetry\nTransport Protocol(s): TCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast; a dynamic port would not do\n"
	  "Port Number: 4381\n  # the port sensors know\n", 0, { END } },
	{ "NUL in the service name",
	  "Service Name: zq\0tel\n" SOUND_REST, 21 + sizeof(SOUND_REST) - 1,
	  { WS("name-bad-char", "error", 1, "\\000"), END } },
	{ "NUL in a field name",
	  SOUND_NAME SOUND_REST "Port\0 Number: 4382\n", sizeof(SOUND_NAME SOUND_REST) - 1 + 19,
	  { WS("parse-error", "error", 8, "unknown field \"Port\\000 Number\""), END } },
	{ "a field given twice", SOUND_NAME SOUND_REST "Port Number: 4382\n", 0,
	  { W("parse-error", "error", 8), END } },
	{ "backwards range",
	  "Service Name: zq-telemetry\nTransport Protocol(s): TCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast\nPort Number: 4382-4381\n", 0,
	  { WS("request-port-range", "error", 7, "\"4382-4381\" is not a port number"), END } },
	{ "spaced range",
	  "Service Name: zq-telemetry\nTransport Protocol(s): TCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast; ephemeral ports would not do\n"
	  "Port Number: 4381 - 4382\n", 0, { END } },
	{ "negative port",
	  "Service Name: zq-telemetry\nTransport Protocol(s): TCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast\nPort Number: -5\n", 0,
	  { W("request-port-range", "error", 7), END } },
	{ "dynamic as a word",
	  "Service Name: zq-telemetry\nTransport Protocol(s): TCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast\nPort Number: any dynamic port\n", 0,
	  { WS("request-port-range", "error", 7, "Dynamic ports (49152-65535) are never assigned"), END } },
	{ "system ports as words",
	  "Service Name: zq-telemetry\nTransport Protocol(s): TCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast; no user port and no dynamic port will do\n"
	  "Port Number: System Ports\n", 0,
	  { W("request-system-port", "note", 7), END } },
	{ "transports with every separator",
	  "Service Name: zq-telemetry\nTransport Protocol(s): tcp;UDP & sctp + dccp or TCP\n"
	  "Assignee: A\nContact: B\nDescription: D\nReference: no broadcast\n"
	  "Service Code: SC=x7A71746C\n", 0, { END } },
	{ "service code as SC= decimal",
	  "Service Name: zq-telemetry\nTransport Protocol(s): DCCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast\nService Code: SC=1056964607\n", 0, { END } },
	{ "last private service code",
	  "Service Name: zq-telemetry\nTransport Protocol(s): DCCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast\nService Code: 1073741823\n", 0,
	  { WS("request-service-code", "error", 7, "Private"), END } },
	{ "service code above 32 bits",
	  "Service Name: zq-telemetry\nTransport Protocol(s): DCCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast\nService Code: 4294967296\n", 0,
	  { WS("request-service-code", "error", 7, "is not a DCCP service code"), END } },
	{ "UDP-Lite",
	  "Service Name: zq-telemetry\nTransport Protocol(s): UDP-Lite\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast\n", 0,
	  { WS("request-transport", "error", 2, "UDP-Lite shares the ports of UDP"), END } },
	{ "name style: a word inside a longer part is fine",
	  "Service Name: zq-support\nTransport Protocol(s): TCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast\n", 0, { END } },
	{ "name style: protocol",
	  "Service Name: zq-protocol\nTransport Protocol(s): TCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast\n", 0,
	  { W("request-name-style", "note", 1), END } },
	{ "leading underscore is no part of a service name",
	  "Service Name: _zq-telemetry\nTransport Protocol(s): TCP\nAssignee: A\nContact: B\n"
	  "Description: D\nReference: no broadcast\n", 0,
	  { W("name-bad-char", "error", 1), END } },
	{ "empty file", "", 0,
	  { W("request-missing-field", "error", 0), W("request-missing-field", "error", 0),
	    W("request-missing-field", "error", 0), W("request-missing-field", "error", 0),
	    W("request-missing-field", "error", 0), W("request-missing-field", "error", 0), END } },
};

static void
test_row(void **state)
{
	const struct row *r = *state;
	size_t n = 0;

	while (n < 8 && r->want[n].check != NULL)
		n++;
	expect(r->name, r->text, r->len ? r->len : strlen(r->text), r->want, n);
}

/* Binary input: 20 lines that are no field, then the reader gives up. */
static void
test_binary(void **state)
{
	struct want want[6 + 21];
	char buf[64 * 8];

	(void)state;
	/* Every line begins with a byte that is neither blank nor '#'. */
	for (size_t k = 0; k < 64; k++) {
		buf[k * 8] = 1;
		for (size_t j = 1; j < 7; j++) {
			char c = (char)((k * 6 + j) * 7 % 256);
			buf[k * 8 + j] = c == '\n' ? 2 : c;
		}
		buf[k * 8 + 7] = '\n';
	}
	for (size_t i = 0; i < 6; i++)
		want[i] = (struct want){ "request-missing-field", "error", 0, NULL };
	for (size_t i = 0; i < 21; i++)
		want[6 + i] = (struct want){ "parse-error", "error", i + 1, NULL };
	want[26].says = "not a request file?";
	expect("binary", buf, sizeof(buf), want, 27);
}

/* A 1 MB value and a 1 MB field name: read, never a crash. */
static void
test_huge_lines(void **state)
{
	const size_t big = 1 << 20;
	const char *head = SOUND_NAME SOUND_REST "Assignment Notes: ";
	size_t hl = strlen(head);
	char *buf = malloc(hl + 2 * big + 8);
	struct want want[] = { { "parse-error", "error", 9, "unknown field \"yyyy" } };

	(void)state;
	assert_non_null(buf);
	memcpy(buf, head, hl);
	memset(buf + hl, 'x', big);		/* line 8: a 1 MB note */
	buf[hl + big] = '\n';
	memset(buf + hl + big + 1, 'y', big);	/* line 9: a 1 MB field name */
	memcpy(buf + hl + 2 * big + 1, ": 1\n", 4);
	expect("huge lines", buf, hl + 2 * big + 5, want, 1);
	free(buf);
}

/* The template: only empty fields, every hint a comment. */
static void
test_template(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	struct want want[6];
	unsigned long line = 0, lines[6];
	size_t k = 0;

	(void)state;
	assert_non_null(fp);
	request_template(fp);
	fclose(fp);
	/* The required fields are the first six, each followed by one hint line. */
	for (char *p = text; *p != '\0' && k < 6; p = strchr(p, '\n') + 1) {
		line++;
		if (*p != '#') {
			lines[k++] = line;
			assert_int_equal(p[strcspn(p, "\n") - 1], ':');
			assert_int_equal(p[strcspn(p, "\n") + 1], '#');
		}
	}
	assert_int_equal(k, 6);
	for (size_t i = 0; i < 6; i++)
		want[i] = (struct want){ "request-missing-field", "error", lines[i], "is empty" };
	expect("template", text, len, want, 6);
	free(text);
}

/* RFC 4340 section 8.1.2 text forms. */
static void
test_service_code_parse(void **state)
{
	static const struct { const char *s; int ok; unsigned long code; } t[] = {
		{ "1717858426", 0, 1717858426UL }, { "SC:fdpz", 0, 1717858426UL },
		{ "SC=1717858426", 0, 1717858426UL }, { "SC=x6664707A", 0, 1717858426UL },
		{ "SC=X6664707a", 0, 1717858426UL }, { "SC:a", 0, 0x61202020UL },
		{ "SC:?", 0, 0x3f202020UL }, { "0", 0, 0 }, { "4294967295", 0, 4294967295UL },
		{ "SC:fdpz  ", 0, 1717858426UL },
		{ "SC:", -1, 0 }, { "SC:abcde", -1, 0 }, { "SC: ab", -1, 0 },
		{ "SC:a\tb", -1, 0 }, { "SC:\xc3\xa9", -1, 0 }, { "4294967296", -1, 0 },
		{ "SC=x", -1, 0 }, { "SC=x123456789", -1, 0 }, { "SC=xg", -1, 0 },
		{ "SC=", -1, 0 }, { "12a", -1, 0 }, { "", -1, 0 }, { "-1", -1, 0 },
		{ "99999999999999999999999", -1, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		unsigned long code = 7;
		int rc = request_service_code_parse(t[i].s, strlen(t[i].s), &code);
		if (rc != t[i].ok || (rc == 0 && code != t[i].code))
			fail_msg("\"%s\": rc %d code %lu, want rc %d code %lu", t[i].s, rc,
			    code, t[i].ok, t[i].code);
	}
}

int
main(void)
{
	const char *top = getenv("top_srcdir");
	size_t nrows = sizeof(rows) / sizeof(rows[0]), nfiles = 0, cap = 64;
	char **files = malloc(cap * sizeof(*files));
	struct CMUnitTest *tests;
	char dir[4096];
	DIR *d;
	int rc;

	snprintf(dir, sizeof(dir), "%s/tests/requests", top ? top : ".");
	if (files == NULL || (d = opendir(dir)) == NULL) {
		fprintf(stderr, "test_request: cannot open %s\n", dir);
		return 1;
	}
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".req") != 0)
			continue;
		if (nfiles == cap && (files = realloc(files, (cap *= 2) * sizeof(*files))) == NULL)
			return 1;
		if (asprintf(&files[nfiles++], "%s/%s", dir, e->d_name) < 0)
			return 1;
	}
	closedir(d);
	qsort(files, nfiles, sizeof(*files), by_name);
	/* Every rule has its file: a lost directory must not pass quietly. */
	if (nfiles < 30) {
		fprintf(stderr, "test_request: only %zu request files in %s\n", nfiles, dir);
		return 1;
	}
	tests = calloc(nfiles + nrows + 4, sizeof(*tests));
	if (tests == NULL)
		return 1;
	for (size_t i = 0; i < nfiles; i++)
		tests[i] = (struct CMUnitTest){ .name = strrchr(files[i], '/') + 1,
		    .test_func = test_file, .initial_state = files[i] };
	for (size_t i = 0; i < nrows; i++)
		tests[nfiles + i] = (struct CMUnitTest){ .name = rows[i].name,
		    .test_func = test_row, .initial_state = (void *)&rows[i] };
	tests[nfiles + nrows] = (struct CMUnitTest)cmocka_unit_test(test_binary);
	tests[nfiles + nrows + 1] = (struct CMUnitTest)cmocka_unit_test(test_huge_lines);
	tests[nfiles + nrows + 2] = (struct CMUnitTest)cmocka_unit_test(test_template);
	tests[nfiles + nrows + 3] = (struct CMUnitTest)cmocka_unit_test(test_service_code_parse);
	rc = _cmocka_run_group_tests("request", tests, nfiles + nrows + 4, NULL, NULL);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(tests);
	return rc;
}
