/*
 * fuzz.h -- what the fuzz harnesses share: the invariants every finding and
 * every rendered report must keep, asserted with abort() so that libFuzzer
 * (and tests/fuzz/replay under `make check`) sees a broken one as a crash.
 *
 * A harness is one LLVMFuzzerTestOneInput.  Built with -fsanitize=fuzzer it
 * is a libFuzzer target; linked with replay.c it runs the files it is given.
 */
#ifndef SRVLINT_FUZZ_H
#define SRVLINT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "finding.h"
#include "lint.h"
#include "report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * What srvlint wrote on stderr while a harness ran (buf, len bytes; the
 * harness swaps stderr for an open_memstream): exactly want_lines lines,
 * each beginning with prefix, every byte printable ASCII (errors are
 * escaped: no input may drive the terminal).
 */
void fuzz_check_messages(const char *buf, size_t len, size_t want_lines,
    const char *prefix);

/* Prints why on stderr and aborts: an invariant does not hold. */
void fuzz_fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#define FUZZ_ASSERT(cond, ...) \
	do { if (!(cond)) fuzz_fail(__VA_ARGS__); } while (0)

/*
 * A run context with default options (text, no color, fail-on warning, no
 * override) and the built-in registry.  Lives for the whole process.
 */
struct lint_ctx *fuzz_ctx(int defacto_lowers);

/*
 * Asserts what every finding must be: a check id < CHECK_COUNT whose name
 * is the table's, a severity note..error, readable NUL-terminated strings.
 */
void fuzz_check_finding(const struct finding *f);

/*
 * A sink that checks each finding and appends a copy to the list (ud).
 * Aborts when out of memory: a harness wants no silent loss.
 */
void fuzz_list_sink(void *list, const struct finding *f);

/* Asserts that two finding lists hold the same findings, in the same order. */
void fuzz_same_findings(const struct finding_list *a,
    const struct finding_list *b, const char *what);

/* The same, as multisets: order does not matter. */
void fuzz_same_findings_unordered(const struct finding_list *a,
    const struct finding_list *b, const char *what);

/*
 * Renders the findings through report.c in text, JSON and SARIF, into
 * memory, and asserts: no raw control or non-ASCII byte in any of them, one
 * text line per finding ending in " [<check name>]", one JSON object a line
 * (grouped: one object for the whole group) that parses strictly with a
 * known "check" and "severity" in each finding, and one SARIF log that
 * parses with one result per finding.
 *
 * group REPORT_FLAT renders the list as check and probe do; REPORT_NAME and
 * REPORT_REQUEST as one group called input.
 */
void fuzz_render(const struct finding_list *l, enum report_group group,
    const char *input);

/*
 * fuzz_render in text only when all is 0 (the JSON and SARIF emitters and
 * their strict parse cost three times the text: a harness whose inputs
 * make many findings renders those for a share of its inputs only).
 */
void fuzz_render_some(const struct finding_list *l, enum report_group group,
    const char *input, int all);

/*
 * Asserts what fuzz_render asserts of output a mode wrote itself (probe_main
 * with a report on a memory stream), without the findings to count: clean
 * bytes; text lines end in " [<check name>]"; JSON lines parse with known
 * check names and severities; a SARIF log parses.
 */
void fuzz_check_output(const char *out, size_t len, enum format fmt);

/*
 * Strict JSON (RFC 8259): one value, nothing but white space around it.
 * For every string member of an object, at any depth, calls member(ud,
 * key, value) with both decoded (NUL-terminated; a \u0000 cuts them).
 * Returns 0 when valid, -1 when not.
 */
int fuzz_json_parse(const char *s, size_t len,
    void (*member)(void *ud, const char *key, const char *value), void *ud);

/*
 * Asserts that out (len bytes) holds no byte 0x00-0x1f but '\n' and no
 * byte 0x7f-0xff.  what names the output in the message.
 */
void fuzz_assert_clean(const char *out, size_t len, const char *what);

/* A private directory for temporary files, made once; removed at exit. */
const char *fuzz_tmpdir(void);
/* Writes data to dir/name (replacing it); returns the path (static buffer). */
const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size);

#endif
