/*
 * fuzz_zone.c -- a whole zone file through the streaming reader
 * (zone_check_file, what `srvlint check` runs) and every record check.
 *
 * Input: the zone text, written to zone.zone in a private directory that
 * also holds inc.zone, so "$INCLUDE inc.zone" reads a file and
 * "$INCLUDE zone.zone" is a loop.  Origin example.com. (as -o), include
 * directory the private one.  The zone is checked with -j 1 and -j 2: the
 * findings must be the same, in the same order.  Every finding keeps the
 * invariants of fuzz.h and renders clean in text, JSON and SARIF.
 *
 * The reader hands records to the workers in batches of 1024, so a small
 * zone is one batch and one worker.  For -j to matter the file written is
 * the input, FILLER records (more than a batch) and the input again: the
 * two copies go to different workers, whose checkers are merged.  That
 * costs three times as much, so it is done for one input in four (chosen
 * by a hash of the input, so that a crash reproduces), the input alone for
 * the others.
 *
 * Its findings are rendered in text, and for one input in four (by the
 * same hash, not the split ones) in JSON and SARIF too: those emitters and
 * their strict parse were 60% of an execution.
 *
 * The input is also written as big.zone, so "$INCLUDE big.zone" reads it as
 * an included file (when it says "include" at all: the other inputs are
 * spared a file write).  Built for fuzzing (FUZZING_BUILD_MODE_UNSAFE_FOR_
 * PRODUCTION) the reader's blocks are 4 KiB (zone file and its prescan)
 * and 1 KiB (included file), its record cap 4 KiB and its batches 16
 * records, so short inputs cross every boundary; and no thread is started
 * (thread start-up was most of an execution): -j 2 runs the batches in
 * turn on the two workers on the calling thread, so every input with more
 * than 16 records is merged, and the -j 1 comparison is made for the split
 * inputs only (all of them where the corpus is replayed: make check,
 * tests/fuzz/replay.sh, with threads).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "zone.h"

static const char inc_zone[] =
    "; included by the fuzz harness\n"
    "_http._tcp IN SRV 0 0 80 www\n"
    "www IN A 192.0.2.1\n"
    "$ORIGIN sub\n"
    "_www._tcp IN SRV 0 0 80 @\n";

#ifndef FILLER
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define FILLER 20	/* more than a batch of 16 */
#else
#define FILLER 1100
#endif
#endif
static const char filler[] = "\nf IN A 192.0.2.1";

static uint32_t
hash(const uint8_t *p, size_t n)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/* Whether the input can name a file: "$INCLUDE", in any case. */
static int
mentions_include(const uint8_t *p, size_t n)
{
	static const char word[] = "include";

	for (size_t i = 0; i + sizeof word - 1 <= n; i++) {
		size_t k = 0;

		while (k < sizeof word - 1 && (p[i + k] | 0x20) == word[k])
			k++;
		if (k == sizeof word - 1)
			return 1;
	}
	return 0;
}

static unsigned long
lines_of(const uint8_t *data, size_t size)
{
	unsigned long n = 1;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n';
	return n;
}

static int
check(const char *path, int jobs, struct finding_list *l)
{
	struct zone_params zp;
	struct sink sink = { fuzz_list_sink, l };

	memset(&zp, 0, sizeof zp);
	zp.origin = "example.com.";
	zp.include_dir = fuzz_tmpdir();
	zp.jobs = jobs;
	return zone_check_file(fuzz_ctx(1), path, &zp, NULL, &sink);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct finding_list *one = finding_list_create();
	struct finding_list *two = finding_list_create();
	int split = (hash(data, size) & 3) == 0;
	size_t flen = sizeof filler - 1;
	size_t zlen = split ? 2 * size + FILLER * flen + 1 : size;
	uint8_t *zone = malloc(zlen ? zlen : 1), *z = zone;
	unsigned long nlines;
	char path[512];
	int rc1, rc2;

	FUZZ_ASSERT(one != NULL && two != NULL && zone != NULL, "out of memory");
	memcpy(z, data, size);
	if (split) {
		z += size;
		for (int i = 0; i < FILLER; i++, z += flen)
			memcpy(z, filler, flen);
		*z++ = '\n';
		memcpy(z, data, size);
	}
	nlines = lines_of(zone, zlen);
	if (!ready) {
		fuzz_write_file("inc.zone", (const uint8_t *)inc_zone, sizeof inc_zone - 1);
		ready = 1;
	}
	if (mentions_include(data, size))
		fuzz_write_file("big.zone", data, size);
	snprintf(path, sizeof path, "%s", fuzz_write_file("zone.zone", zone, zlen));
	free(zone);
	rc2 = check(path, 2, two);
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	if (split) {
#endif
		rc1 = check(path, 1, one);
		FUZZ_ASSERT(rc1 == rc2, "zone_check_file returned %d with -j 1, %d with -j 2",
		    rc1, rc2);
		fuzz_same_findings(one, two, "-j 1 against -j 2");
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	}
#endif
	for (size_t i = 0; i < finding_list_count(two); i++) {
		const struct finding *f = finding_list_get(two, i);

		if (f->file != NULL && strcmp(f->file, path) == 0)
			FUZZ_ASSERT(f->line >= 1 && f->line <= nlines,
			    "[%s] at line %lu of a %lu-line zone",
			    check_info(f->check)->name, f->line, nlines);
	}
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	/* JSON and SARIF for one input in four (not the split ones), text for all. */
	fuzz_render_some(two, REPORT_FLAT, NULL, (hash(data, size) & 3) == 1);
#else
	fuzz_render(two, REPORT_FLAT, NULL);	/* replay: every format */
#endif
	finding_list_destroy(one);
	finding_list_destroy(two);
	return 0;
}
