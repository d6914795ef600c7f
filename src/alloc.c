/*
 * alloc.c -- counting malloc, calloc and realloc (see alloc.h).
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>

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
