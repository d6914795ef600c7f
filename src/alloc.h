/*
 * alloc.h -- every allocation failure of the process, counted.
 *
 * srvlint replaces malloc, calloc and realloc (glibc's "replacing malloc":
 * the program's definitions serve ldns, c-ares and libc too) with thin
 * wrappers around glibc's own that count each NULL they return.  So a
 * failure deep inside ldns, which ldns may report as a syntax error, is
 * still seen: a run during which any allocation failed ends in exit 2
 * (zone.c), never in a pass or in a finding the full run would not make.
 *
 * Tests make the Nth allocation fail (as c-ares's tests do) with the
 * environment variable SRVLINT_ALLOC_FAIL=N (only that one) or N+ (that one
 * and every later one, as an exhausted heap does); docs/security.md.  In
 * sanitizer and fuzzing builds the sanitizer's allocator stays, and
 * alloc_failures() is always 0.
 */
#ifndef SRVLINT_ALLOC_H
#define SRVLINT_ALLOC_H

/* Allocations that failed (or were refused, alloc_refused) so far. */
unsigned long alloc_failures(void);

/* Counts a refusal that is no allocation: a table at its size limit. */
void alloc_refused(void);

/*
 * Nonzero the first time it is called: who reports running out of memory
 * asks, so that the run says it once.
 */
int alloc_say_once(void);

/* Nonzero when the counting wrappers (and SRVLINT_ALLOC_FAIL) are built in. */
int alloc_counting(void);

/*
 * Large tables (the checker's fact shards, references and arena): from
 * ALLOC_PAGES_MIN bytes on, pages of their own (mmap), so that freeing one
 * gives its memory back at once and growing one moves pages (mremap)
 * instead of copying into a new block while the old one still stands.
 * Below that, and in sanitizer and fuzzing builds, malloc's.  glibc would
 * keep every freed generation of a grown table in its heap (zpool.c turns
 * trimming off, and a -j worker's arena is never reused by another
 * thread): a 6M-name table took twice its size.  From 16 KiB on: the 64
 * shards of a table of 100k-500k names are 4-128 KiB each, and malloc kept
 * their grown-out generations too (dnssd at -j 2: 35.8 -> 30.7 MB).  Not
 * from one page: under ulimit -v each block of its own takes address space
 * that the heap often already holds, and -j 64 under 40 MB, where the
 * worker stacks leave little, ran out on a small zone (tests/e2e/oom.sh).
 * Counted as malloc is, and SRVLINT_ALLOC_FAIL fails them too.
 */
#define ALLOC_PAGES_MIN ((size_t)16 << 10)

/* n zeroed bytes, or NULL. */
void *alloc_pages(size_t n);
/*
 * The block p of old bytes (NULL when old is 0) grown or shrunk to n bytes,
 * contents kept and new bytes zeroed; NULL on failure, p unchanged.
 */
void *alloc_pages_resize(void *p, size_t old, size_t n);
/*
 * Gives back the whole pages of bytes [off, off + len) of the block p of n
 * bytes, which read as zeros afterwards (malloc's blocks: nothing).
 */
void alloc_pages_release(void *p, size_t n, size_t off, size_t len);
/* Frees the block p of n bytes (p may be NULL). */
void alloc_pages_free(void *p, size_t n);

#endif
