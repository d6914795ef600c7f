/*
 * selftest.c -- the harnesses' invariant checks must be able to fail: each
 * case below breaks one on purpose, in a child process, and expects the
 * child to abort; the controls next to them must pass.  Run by `make check`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

/* Stands in for a harness: selftest links fuzz_common.c, which needs none. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)data;
	(void)size;
	return 0;
}

static int failures;

/* Runs fn in a child; expect_abort says whether it must die of SIGABRT. */
static void
expect(const char *what, void (*fn)(void), int expect_abort)
{
	pid_t pid;
	int st;

	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0) {
		perror("fork");
		exit(99);
	}
	if (pid == 0) {
		if (expect_abort)	/* its message is expected: keep the log readable */
			(void)!freopen("/dev/null", "w", stderr);
		fn();
		_exit(0);
	}
	if (waitpid(pid, &st, 0) < 0) {
		perror("waitpid");
		exit(99);
	}
	if (expect_abort && !(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT)) {
		printf("FAIL: %s: the check did not abort\n", what);
		failures++;
	} else if (!expect_abort && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
		printf("FAIL: %s: the control aborted\n", what);
		failures++;
	} else {
		printf("ok: %s\n", what);
	}
}

static void
clean_control(void)
{
	fuzz_assert_clean("x.zone:1: error: a\\027b [name-bad-char]\n", 40, "control");
}

static void
clean_esc(void)
{
	fuzz_assert_clean("a\033[2Jb\n", 7, "test");
}

static void
clean_nul(void)
{
	fuzz_assert_clean("a\0b\n", 4, "test");
}

static void
clean_high(void)
{
	fuzz_assert_clean("caf\xc3\xa9\n", 6, "test");
}

static void
clean_del(void)
{
	fuzz_assert_clean("a\177\n", 3, "test");
}

static void
finding_ok(void)
{
	struct finding f;

	finding_init(&f, CHECK_NAME_ALIAS);
	f.message = "m";
	fuzz_check_finding(&f);
}

static void
finding_bad_id(void)
{
	struct finding f;

	finding_init(&f, CHECK_NAME_ALIAS);
	f.message = "m";
	f.check = CHECK_COUNT;
	fuzz_check_finding(&f);
}

static void
finding_bad_severity(void)
{
	struct finding f;

	finding_init(&f, CHECK_NAME_ALIAS);
	f.message = "m";
	f.severity = SEV_OFF;
	fuzz_check_finding(&f);
}

static void
finding_no_message(void)
{
	struct finding f;

	finding_init(&f, CHECK_NAME_ALIAS);
	f.message = NULL;
	fuzz_check_finding(&f);
}

static struct finding_list *
one(enum check_id id, unsigned long line)
{
	struct finding_list *l = finding_list_create();
	struct finding f;

	finding_init(&f, id);
	f.message = "a message with \033 and \n inside";
	f.owner = "_x\001._tcp.example.";
	f.line = line;
	f.file = "z.zone";
	if (l == NULL || finding_list_add(l, &f) != 0)
		abort();
	return l;
}

static void
same_ok(void)
{
	fuzz_same_findings(one(CHECK_NAME_ALIAS, 3), one(CHECK_NAME_ALIAS, 3), "test");
	fuzz_same_findings_unordered(one(CHECK_NAME_ALIAS, 3), one(CHECK_NAME_ALIAS, 3), "test");
}

static void
same_line(void)
{
	fuzz_same_findings(one(CHECK_NAME_ALIAS, 3), one(CHECK_NAME_ALIAS, 4), "test");
}

static void
same_check(void)
{
	fuzz_same_findings_unordered(one(CHECK_NAME_ALIAS, 3), one(CHECK_NAME_RESERVED, 3), "test");
}

static void
same_count(void)
{
	struct finding_list *l = one(CHECK_NAME_ALIAS, 3);

	finding_list_clear(l);
	fuzz_same_findings(one(CHECK_NAME_ALIAS, 3), l, "test");
}

/* A finding with raw control bytes renders clean in every format. */
static void
render_ok(void)
{
	fuzz_render(one(CHECK_NAME_ALIAS, 3), REPORT_FLAT, NULL);
	fuzz_render(one(CHECK_NAME_ALIAS, 3), REPORT_NAME, "_x\033");
	fuzz_render(one(CHECK_REQUEST_PORT_TAKEN, 3), REPORT_REQUEST, "r\n.req");
}

static const struct {
	const char *json;
	int valid;
} json_cases[] = {
	{ "{}", 1 },
	{ "[]", 1 },
	{ "{\"a\": [1, -2.5e+3, 0, true, false, null, \"\\u00e9\\ud83d\\ude00\\n\"]}", 1 },
	{ " {\"a\": {\"b\": {}}} ", 1 },
	{ "\"caf\xc3\xa9\"", 1 },
	{ "", 0 },
	{ "{", 0 },
	{ "{\"a\": 1,}", 0 },
	{ "[1 2]", 0 },
	{ "{\"a\" 1}", 0 },
	{ "{a: 1}", 0 },
	{ "01", 0 },
	{ "1.", 0 },
	{ "-", 0 },
	{ "\"\\x41\"", 0 },
	{ "\"\\ud800\"", 0 },
	{ "\"\\udc00\"", 0 },
	{ "\"a\tb\"", 0 },
	{ "\"\xff\"", 0 },
	{ "\"\xc0\xaf\"", 0 },
	{ "\"\xed\xa0\x80\"", 0 },
	{ "{} {}", 0 },
	{ "tru", 0 },
	{ "nul", 0 },
	{ "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", 0 },
};

int
main(void)
{
	expect("clean output passes", clean_control, 0);
	expect("raw ESC in output aborts", clean_esc, 1);
	expect("raw NUL in output aborts", clean_nul, 1);
	expect("raw non-ASCII byte in output aborts", clean_high, 1);
	expect("raw DEL in output aborts", clean_del, 1);
	expect("a good finding passes", finding_ok, 0);
	expect("check id CHECK_COUNT aborts", finding_bad_id, 1);
	expect("severity off aborts", finding_bad_severity, 1);
	expect("a finding without a message aborts", finding_no_message, 1);
	expect("equal findings pass", same_ok, 0);
	expect("a different line aborts", same_line, 1);
	expect("a different check aborts (unordered)", same_check, 1);
	expect("a different count aborts", same_count, 1);
	expect("control bytes in a finding render clean (text, JSON, SARIF)", render_ok, 0);
	for (size_t i = 0; i < sizeof json_cases / sizeof json_cases[0]; i++) {
		const char *j = json_cases[i].json;
		int got = fuzz_json_parse(j, strlen(j), NULL, NULL) == 0;

		if (got != json_cases[i].valid) {
			printf("FAIL: JSON %s taken as %s\n", j, got ? "valid" : "invalid");
			failures++;
		}
	}
	printf("%s: %d failures\n", failures ? "FAIL" : "ok", failures);
	return failures ? 1 : 0;
}
