/*
 * alloc.c -- counting malloc, calloc and realloc (see alloc.h).
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "alloc.h"

static atomic_ulong failures;

unsigned long
alloc_failures(void)
{
	return atomic_load(&failures);
}

int
alloc_say_once(void)
{
	static atomic_int said;

	return atomic_exchange(&said, 1) == 0;
}

void
alloc_refused(void)
{
	atomic_fetch_add(&failures, 1);
}

#if defined(__has_feature)
# if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#  define ALLOC_KEEP_SANITIZER 1
# endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION)
# define ALLOC_KEEP_SANITIZER 1
#endif

#ifdef ALLOC_KEEP_SANITIZER
int
alloc_counting(void)
{
	return 0;
}

/* The sanitizer sees every byte: malloc's blocks only. */
void *
alloc_pages(size_t n)
{
	return calloc(1, n ? n : 1);
}

void *
alloc_pages_resize(void *p, size_t old, size_t n)
{
	unsigned char *q = realloc(p, n ? n : 1);

	if (q != NULL && n > old)
		memset(q + old, 0, n - old);
	return q;
}

void
alloc_pages_free(void *p, size_t n)
{
	(void)n;
	free(p);
}

void
alloc_pages_release(void *p, size_t n, size_t off, size_t len)
{
	(void)p, (void)n, (void)off, (void)len;
}
#else
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static atomic_ulong calls;
/* 0: not read yet; else the failing call (ULONG_MAX: none), and "and later". */
static atomic_ulong fail_at;
static int fail_later;

/*
 * Whether this call is the injected failure.  getenv allocates nothing;
 * two threads reading the variable at once store the same value.
 */
static int
injected(void)
{
	unsigned long at = atomic_load_explicit(&fail_at, memory_order_relaxed), n;

	if (at == 0) {
		const char *s = getenv("SRVLINT_ALLOC_FAIL");
		char *end;
		at = s != NULL ? strtoul(s, &end, 10) : 0;
		if (s == NULL || at == 0 || (*end != '\0' && (end[0] != '+' || end[1] != '\0')))
			at = (unsigned long)-1;
		else
			fail_later = *end == '+';
		atomic_store(&fail_at, at);
	}
	if (at == (unsigned long)-1)
		return 0;
	n = atomic_fetch_add_explicit(&calls, 1, memory_order_relaxed) + 1;
	return n == at || (fail_later && n > at);
}

static void *
counted(void *p)
{
	if (p == NULL)
		atomic_fetch_add(&failures, 1);
	return p;
}

int
alloc_counting(void)
{
	return 1;
}

void *
malloc(size_t n)
{
	if (injected()) {
		errno = ENOMEM;
		return counted(NULL);
	}
	return counted(__libc_malloc(n));
}

void *
calloc(size_t n, size_t size)
{
	if (injected()) {
		errno = ENOMEM;
		return counted(NULL);
	}
	return counted(__libc_calloc(n, size));
}

void *
realloc(void *p, size_t n)
{
	void *q;

	if (injected()) {
		errno = ENOMEM;
		return counted(NULL);
	}
	q = __libc_realloc(p, n);
	/* realloc(p, 0) may free p and return NULL: no failure. */
	return n == 0 ? q : counted(q);
}
#endif

#ifndef ALLOC_KEEP_SANITIZER
/* Bytes of pages for a block of n bytes (0: malloc's block). */
static size_t
pages_of(size_t n)
{
	const size_t pg = 4096;

	return n < ALLOC_PAGES_MIN ? 0 : (n + pg - 1) & ~(pg - 1);
}

void *
alloc_pages(size_t n)
{
	size_t m = pages_of(n);
	void *p;

	if (m == 0)
		return calloc(1, n ? n : 1);
	if (injected()) {
		errno = ENOMEM;
		return counted(NULL);
	}
	p = mmap(NULL, m, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return counted(p == MAP_FAILED ? NULL : p);
}

void *
alloc_pages_resize(void *p, size_t old, size_t n)
{
	size_t mo = pages_of(old), mn = pages_of(n);
	unsigned char *q;

	if (p == NULL || old == 0)
		return alloc_pages(n);
	if (mo == 0 && mn == 0) {
		if ((q = realloc(p, n ? n : 1)) != NULL && n > old)
			memset(q + old, 0, n - old);
		return q;
	}
	if (mo != 0 && mn != 0) {
		if (mo == mn)
			return p;
		if (injected()) {
			errno = ENOMEM;
			return counted(NULL);
		}
		q = mremap(p, mo, mn, MREMAP_MAYMOVE);
		return counted(q == MAP_FAILED ? NULL : q);
	}
	/* Across ALLOC_PAGES_MIN: a copy. */
	if ((q = alloc_pages(n)) == NULL)
		return NULL;
	memcpy(q, p, old < n ? old : n);
	alloc_pages_free(p, old);
	return q;
}

void
alloc_pages_release(void *p, size_t n, size_t off, size_t len)
{
	const size_t pg = 4096;
	size_t a = (off + pg - 1) & ~(pg - 1), b = (off + len) & ~(pg - 1);

	if (p != NULL && pages_of(n) != 0 && a < b)
		(void)madvise((unsigned char *)p + a, b - a, MADV_DONTNEED);
}

void
alloc_pages_free(void *p, size_t n)
{
	size_t m = pages_of(n);

	if (p == NULL)
		return;
	if (m == 0)
		free(p);
	else
		(void)munmap(p, m);
}
#endif
