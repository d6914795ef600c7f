/*
 * fuzz_request.c -- an IANA service name / port request (RFC 6335 section
 * 8.1.1), any bytes, through request_check (what `srvlint request` runs on
 * each file), then through the report as one request group.  The same
 * bytes also go to request_service_code_parse, whole and line by line.
 */
#include <string.h>

#include "fuzz.h"
#include "request.h"

static void
service_code(const char *s, size_t len)
{
	unsigned long code = 12345;

	if (request_service_code_parse(s, len, &code) == 0)
		FUZZ_ASSERT(code <= 0xffffffffUL, "service code %lu does not fit 32 bits", code);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct finding_list *l = finding_list_create();
	struct sink sink = { fuzz_list_sink, l };
	const char *text = (const char *)data;
	const char *p = text, *end = text + size;
	const char *file = "fuzz.req";
	unsigned long nlines = 1;

	FUZZ_ASSERT(l != NULL, "out of memory");
	for (size_t i = 0; i < size; i++)
		nlines += data[i] == '\n';
	FUZZ_ASSERT(request_check(fuzz_ctx(0), file, text, size, &sink) == 0,
	    "request_check failed (out of memory?)");
	for (size_t i = 0; i < finding_list_count(l); i++) {
		const struct finding *f = finding_list_get(l, i);

		FUZZ_ASSERT(f->file != NULL && strcmp(f->file, file) == 0,
		    "[%s] names file \"%s\"", check_info(f->check)->name,
		    f->file ? f->file : "(null)");
		FUZZ_ASSERT(f->line <= nlines, "[%s] at line %lu of a %lu-line request",
		    check_info(f->check)->name, f->line, nlines);
	}
	fuzz_render(l, REPORT_REQUEST, file);
	finding_list_destroy(l);

	service_code(text, size);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;

		service_code(p, (size_t)(e - p));
		p = e + 1;
	}
	return 0;
}
