/*
 * fuzz_svcname.c -- one service label, any bytes, through svcname_syntax
 * and namecheck_service (every name-* check and transport-mismatch), then
 * through the report as `srvlint name` prints it.
 *
 * Input: the label after its underscore.  It is judged alone, beside _tcp,
 * _udp and _tls, and, when it holds a '.', split there as label.proto.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "namecheck.h"
#include "svcname.h"

/* The syntax checks, in the order of the SVCNAME_* bits. */
static const struct {
	unsigned bit;
	enum check_id id;
} rules[] = {
	{ SVCNAME_EMPTY, CHECK_NAME_EMPTY },
	{ SVCNAME_TOO_LONG, CHECK_NAME_TOO_LONG },
	{ SVCNAME_BAD_CHAR, CHECK_NAME_BAD_CHAR },
	{ SVCNAME_NO_LETTER, CHECK_NAME_NO_LETTER },
	{ SVCNAME_HYPHEN_EDGE, CHECK_NAME_HYPHEN_EDGE },
	{ SVCNAME_DOUBLE_HYPHEN, CHECK_NAME_DOUBLE_HYPHEN },
};

static int
has(const struct finding_list *l, enum check_id id)
{
	for (size_t i = 0; i < finding_list_count(l); i++)
		if (finding_list_get(l, i)->check == id)
			return 1;
	return 0;
}

static void
syntax(const char *s, size_t len)
{
	unsigned broken = svcname_syntax(s, len);
	size_t at = svcname_bad_char_at(s, len);

	FUZZ_ASSERT(at <= len, "svcname_bad_char_at %zu past len %zu", at, len);
	FUZZ_ASSERT(((broken & SVCNAME_BAD_CHAR) != 0) == (at < len),
	    "svcname_syntax BAD_CHAR and svcname_bad_char_at disagree");
	FUZZ_ASSERT(((broken & SVCNAME_EMPTY) != 0) == (len == 0), "EMPTY wrong");
	FUZZ_ASSERT(((broken & SVCNAME_TOO_LONG) != 0) == (len > SVCNAME_MAX_LEN),
	    "TOO_LONG wrong for len %zu", len);
	FUZZ_ASSERT(svcname_equal(s, len, s, len), "a name is not equal to itself");
}

/*
 * Judges one label; the findings are checked against the syntax bits and
 * appended to all.  Rendering is done once for all of them (it costs more
 * than the checks).
 */
static void
judge(const char *label, size_t len, const char *proto, size_t plen, int lowers,
    struct finding_list *all)
{
	const struct lint_ctx *ctx = fuzz_ctx(lowers);
	struct finding_list *l = finding_list_create();
	struct sink sink = { fuzz_list_sink, l };
	struct finding tmpl;
	unsigned broken = svcname_syntax(label, len);
	int allowed = options_allowed(ctx->opt, label, len);
	int invalid;

	FUZZ_ASSERT(l != NULL, "out of memory");
	finding_init(&tmpl, CHECK_NAME_EMPTY);
	tmpl.owner = NULL;
	invalid = namecheck_service(ctx, label, len, proto, plen, &tmpl, &sink);
	FUZZ_ASSERT((invalid != 0) == (broken != 0),
	    "namecheck_service returned %d, svcname_syntax 0x%x", invalid, broken);
	if (!allowed && broken != 0 && !has(l, CHECK_NAME_LEGACY))
		for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
			FUZZ_ASSERT(((broken & rules[i].bit) != 0) == has(l, rules[i].id),
			    "rule 0x%x and check [%s] disagree", rules[i].bit,
			    check_info(rules[i].id)->name);
	if (broken == 0)
		for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
			FUZZ_ASSERT(!has(l, rules[i].id), "a well-formed name got [%s]",
			    check_info(rules[i].id)->name);
	if (allowed)
		FUZZ_ASSERT(finding_list_count(l) == 0, "an --allow'ed name got findings");
	if (finding_list_count(all) == 0)	/* the label alone, as `srvlint name` shows it */
		fuzz_render(l, REPORT_NAME, label);	/* input cut at a NUL, as argv would */
	for (size_t i = 0; i < finding_list_count(l); i++)
		FUZZ_ASSERT(finding_list_add(all, finding_list_get(l, i)) == 0, "out of memory");
	finding_list_destroy(l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const protos[] = { "tcp", "udp", "tls", "sctp", "dccp" };
	char *s = malloc(size + 1);
	struct finding_list *all = finding_list_create();
	const char *dot;

	FUZZ_ASSERT(s != NULL && all != NULL, "out of memory");
	memcpy(s, data, size);
	s[size] = '\0';
	syntax(s, size);
	judge(s, size, NULL, 0, 0, all);
	for (size_t i = 0; i < sizeof protos / sizeof protos[0]; i++)
		judge(s, size, protos[i], strlen(protos[i]), (int)(i & 1), all);
	if ((dot = memchr(s, '.', size)) != NULL) {
		size_t n = (size_t)(dot - s);
		judge(s, n, dot + 1, size - n - 1, 1, all);
	}
	fuzz_render(all, REPORT_FLAT, NULL);
	finding_list_destroy(all);
	free(s);
	return 0;
}
