/*
 * fuzz_config.c -- a configuration file, any bytes, through config_parse
 * (what --config and a found .srvlint.conf go through once the file has
 * passed its checks).  Invariants: it returns 0 with no message, or -1
 * with exactly one message line, "srvlint: fuzz.conf:LINE: ...", in
 * printable ASCII (a file must not drive the terminal); the options it
 * set are within their documented ranges; options_free releases them all
 * (LeakSanitizer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "configfile.h"
#include "fuzz.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options o;
	FILE *saved = stderr, *mem;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	FUZZ_ASSERT((mem = open_memstream(&buf, &len)) != NULL, "out of memory");
	options_init(&o);
	stderr = mem;
	rc = config_parse(&o, "fuzz.conf", (const char *)data, size);
	stderr = saved;
	fclose(mem);
	fuzz_check_messages(buf, len, rc == 0 ? 0 : 1, "srvlint: fuzz.conf:");
	FUZZ_ASSERT(rc == 0 || rc == -1, "config_parse returned %d", rc);
	FUZZ_ASSERT((int)o.format >= FORMAT_TEXT && o.format <= FORMAT_LAST,
	    "format %d", (int)o.format);
	FUZZ_ASSERT(o.fail_on >= SEV_NOTE && o.fail_on <= FAIL_NEVER, "fail-on %d", o.fail_on);
	FUZZ_ASSERT(o.jobs >= 0 && o.jobs <= 256, "jobs %d", o.jobs);
	FUZZ_ASSERT(o.tries >= 1 && o.tries <= OPTIONS_MAX_TRIES, "tries %d", o.tries);
	FUZZ_ASSERT(o.max_time_s >= 1 && o.max_time_s <= OPTIONS_MAX_TIME, "max-time %d", o.max_time_s);
	FUZZ_ASSERT(o.timeout_ms >= 1 && o.timeout_ms <= 600000, "timeout %d", o.timeout_ms);
	for (int i = 0; i < CHECK_COUNT; i++)
		FUZZ_ASSERT(o.sev_override[i] >= -1 && o.sev_override[i] <= SEV_ERROR,
		    "severity of %d: %d", i, o.sev_override[i]);
	for (size_t i = 0; i < o.nallow; i++)
		FUZZ_ASSERT(o.allow[i] != NULL && strlen(o.allow[i]) <= CONFIG_MAX_LINE,
		    "allow %zu", i);
	options_free(&o);
	free(buf);
	return 0;
}
