/*
 * zpool.c -- the worker pool (zpool.h).  A ring holds the batches in
 * flight in dispatch order; the calling thread prints the head's findings
 * once the head is done, so order is kept without any worker waiting for
 * another.  A few more batches than workers give slack for a slow one.
 */
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "zpool.h"

struct zpool {
	int jobs;
	zpool_fn fn;
	void *const *ud;
	pthread_t *tid;
	int nthreads;		/* started */
	int started;
	int serial;		/* no threads: batches run at dispatch, round robin */
	int own;		/* the calling thread's worker (ud[own]), or -1 */
	int next;		/* the worker of the next batch, when serial */
	struct zbatch *pool;
	size_t npool;
	struct zbatch **ring;	/* batches in flight, in order */
	size_t head, count;
	struct zbatch *fill;
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	struct zbatch *qhead, *qtail;
	int stop;
};

uint32_t
zbatch_put(struct zbatch *b, const char *p, size_t n)
{
	size_t off = b->arena.len;

	if (zstr_add(&b->arena, p, n) != 0)
		return ZNONE;
	b->arena.len++;		/* keep the NUL */
	return (uint32_t)off;
}

/* A batch's first entries (the fuzzing build's batches are 16 records). */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define ZBATCH_ENT_FIRST 16
#else
#define ZBATCH_ENT_FIRST 256
#endif

struct zent *
zbatch_entry(struct zbatch *b)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : ZBATCH_ENT_FIRST;
		struct zent *e = realloc(b->ent, cap * sizeof *e);

		if (e == NULL)
			return NULL;
		b->ent = e;
		b->cap = cap;
	}
	memset(&b->ent[b->n], 0, sizeof b->ent[b->n]);
	return &b->ent[b->n++];
}

/*
 * Under an address-space limit (ulimit -v), at most one glibc arena per
 * ZPOOL_ARENA_SPACE bytes of it.  A thread's arena reserves 64 MiB of
 * address space (HEAP_MAX_SIZE; 128 MiB while it is made, for alignment),
 * and when that reservation is refused glibc does not fail: the thread
 * stays without an arena, and each of its allocations tries the 128 MiB
 * and 64 MiB reservations again and then mmaps a page of its own (freed by
 * munmap).  Under ulimit -v 40-100 MB, -j 2 ran 100 times slower than -j 1
 * (60k waiting SRV records: over 4 minutes, issue 15 item 1), the "hang".
 * Threads beyond the cap share the arenas there are (main's included).
 */
#define ZPOOL_ARENA_SPACE ((rlim_t)256 << 20)

static void
zpool_arena_cap(void)
{
	struct rlimit rl;
	rlim_t n;

	if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return;
	n = rl.rlim_cur / ZPOOL_ARENA_SPACE;
	if (n < 1)
		n = 1;
	if (n > ZPOOL_JOBS_MAX + 1)
		n = ZPOOL_JOBS_MAX + 1;	/* the workers' and main's: no cap */
	(void)mallopt(M_ARENA_MAX, (int)n);
}

/*
 * glibc gives each thread its own arena and trims it whenever a free
 * leaves its top chunk over M_TRIM_THRESHOLD: with two workers freeing
 * parse buffers, the trims (madvise) and the arena locks made -j 2 slower
 * than -j 1 (issue 12: 110k madvise calls for 200k records).  The reader's
 * memory is bounded (a few MB of batches), so keep it: no trimming, and
 * blocks up to 64 MB from the heap rather than mmap.  Once a process.
 */
static pthread_once_t zpool_malloc_once = PTHREAD_ONCE_INIT;

static void
zpool_malloc_tune(void)
{
	(void)mallopt(M_TRIM_THRESHOLD, 256 << 20);
	(void)mallopt(M_MMAP_THRESHOLD, 64 << 20);
	(void)mallopt(M_TOP_PAD, 1 << 20);
	zpool_arena_cap();
}

struct zpool *
zpool_create(int jobs)
{
	struct zpool *pl = calloc(1, sizeof *pl);
	size_t i;

	if (pl == NULL)
		return NULL;
	pl->own = -1;
	pthread_once(&zpool_malloc_once, zpool_malloc_tune);
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->work_cv, NULL);
	pthread_cond_init(&pl->done_cv, NULL);
	pl->jobs = jobs < 1 ? 1 : jobs > ZPOOL_JOBS_MAX ? ZPOOL_JOBS_MAX : jobs;
	pl->npool = (size_t)pl->jobs * 4 + 4;	/* slack for a slow worker */
	pl->pool = calloc(pl->npool, sizeof *pl->pool);
	pl->ring = calloc(pl->npool, sizeof *pl->ring);
	pl->tid = calloc((size_t)pl->jobs, sizeof *pl->tid);
	if (pl->pool == NULL || pl->ring == NULL || pl->tid == NULL)
		goto fail;
	for (i = 0; i < pl->npool; i++)
		if ((pl->pool[i].findings = finding_list_create()) == NULL)
			goto fail;
	return pl;
fail:
	zpool_destroy(pl);
	return NULL;
}

void
zpool_destroy(struct zpool *pl)
{
	size_t i;
	int k;

	if (pl == NULL)
		return;
	pthread_mutex_lock(&pl->mu);
	pl->stop = 1;
	pthread_cond_broadcast(&pl->work_cv);
	pthread_mutex_unlock(&pl->mu);
	for (k = 0; k < pl->nthreads; k++)
		pthread_join(pl->tid[k], NULL);
	for (i = 0; pl->pool != NULL && i < pl->npool; i++) {
		free(pl->pool[i].arena.p);
		free(pl->pool[i].ent);
		finding_list_destroy(pl->pool[i].findings);
	}
	free(pl->pool);
	free(pl->ring);
	free(pl->tid);
	pthread_mutex_destroy(&pl->mu);
	pthread_cond_destroy(&pl->work_cv);
	pthread_cond_destroy(&pl->done_cv);
	free(pl);
}

int
zpool_jobs(const struct zpool *pl)
{
	return pl->jobs;
}

struct zpool_arg {
	struct zpool *pl;
	int i;
};

static void *
zpool_worker(void *arg)
{
	struct zpool *pl = ((struct zpool_arg *)arg)->pl;
	void *ud = pl->ud[((struct zpool_arg *)arg)->i];
	struct zbatch *b;

	free(arg);
	for (;;) {
		pthread_mutex_lock(&pl->mu);
		while (pl->qhead == NULL && !pl->stop)
			pthread_cond_wait(&pl->work_cv, &pl->mu);
		if (pl->qhead == NULL) {
			pthread_mutex_unlock(&pl->mu);
			return NULL;
		}
		b = pl->qhead;
		pl->qhead = b->next;
		if (pl->qhead == NULL)
			pl->qtail = NULL;
		pthread_mutex_unlock(&pl->mu);

		pl->fn(ud, b);

		pthread_mutex_lock(&pl->mu);
		b->state = ZB_DONE;
		pthread_cond_broadcast(&pl->done_cv);
		pthread_mutex_unlock(&pl->mu);
	}
}

/*
 * The calling thread, about to wait for a batch, runs a queued one on its
 * own worker instead: -j N is N threads at work, not N workers beside a
 * reader that mostly waits (on 2 cores, -j 2 kept 3 threads in turn).
 * Returns 1 when it ran one.  Called with pl->mu unlocked.
 */
static int
zpool_help(struct zpool *pl)
{
	struct zbatch *b;

	if (pl->own < 0)
		return 0;
	pthread_mutex_lock(&pl->mu);
	b = pl->qhead;
	if (b != NULL) {
		pl->qhead = b->next;
		if (pl->qhead == NULL)
			pl->qtail = NULL;
	}
	pthread_mutex_unlock(&pl->mu);
	if (b == NULL)
		return 0;
	pl->fn(pl->ud[pl->own], b);
	pthread_mutex_lock(&pl->mu);
	b->state = ZB_DONE;
	pthread_mutex_unlock(&pl->mu);
	return 1;
}

/*
 * A worker's stack: what the reader and the checks use is a few KB (no
 * recursion, no large local arrays); glibc's default, RLIMIT_STACK (8 MiB),
 * would be reserved per thread, which under ulimit -v 40 MB left -j 4
 * without memory that -j 1 ran in.
 */
#define ZPOOL_STACK_BYTES ((size_t)1 << 20)

void
zpool_start(struct zpool *pl, zpool_fn fn, void *const *ud)
{
	pthread_attr_t attr;
	int i, attr_ok;

	pl->fn = fn;
	pl->ud = ud;
	pl->started = 1;
	if (pl->jobs == 1)
		return;
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	/*
	 * No thread for each input (thread start-up was most of an execution):
	 * the batches go round the workers on the calling thread, so the
	 * workers' merge is still reached.
	 */
	pl->serial = 1;
	return;
#endif
	attr_ok = pthread_attr_init(&attr) == 0;
	if (attr_ok)
		(void)pthread_attr_setstacksize(&attr, ZPOOL_STACK_BYTES);
	pl->own = pl->jobs - 1;
	for (i = 0; i < pl->jobs - 1; i++) {
		struct zpool_arg *a = malloc(sizeof *a);

		if (a == NULL)
			break;
		a->pl = pl;
		a->i = i;
		if (pthread_create(&pl->tid[i], attr_ok ? &attr : NULL, zpool_worker, a) != 0) {
			free(a);
			break;
		}
		pl->nthreads++;
	}
	if (attr_ok)
		pthread_attr_destroy(&attr);
	/*
	 * A thread that cannot start (ulimit -v, the process's thread limit)
	 * costs speed, not results: the batches go to those that did, and with
	 * none the calling thread runs them.  A failed allocation here is
	 * counted (alloc.h) and the run still ends in exit 2.
	 */
	if (pl->nthreads == 0) {
		pl->serial = 1;
		pl->own = -1;
	}
}

static void
zbatch_reset(struct zbatch *b)
{
	finding_list_clear(b->findings);
	b->n = 0;
	b->arena.len = 0;
	b->state = ZB_FREE;
}

/* Prints the findings of finished batches at the head; wait: all of them. */
static void
zpool_print(struct zpool *pl, const struct sink *out, int wait)
{
	while (pl->count > 0) {
		struct zbatch *b = pl->ring[pl->head];
		size_t i;
		int done;

		pthread_mutex_lock(&pl->mu);
		done = b->state == ZB_DONE;
		pthread_mutex_unlock(&pl->mu);
		if (!done && wait && zpool_help(pl))
			continue;
		pthread_mutex_lock(&pl->mu);
		while (wait && b->state != ZB_DONE)
			pthread_cond_wait(&pl->done_cv, &pl->mu);
		done = b->state == ZB_DONE;
		pthread_mutex_unlock(&pl->mu);
		if (!done)
			return;
		for (i = 0; i < finding_list_count(b->findings); i++)
			sink_emit(out, finding_list_get(b->findings, i));
		zbatch_reset(b);
		pl->head = (pl->head + 1) % pl->npool;
		pl->count--;
	}
}

void
zpool_drain(struct zpool *pl, const struct sink *out)
{
	zpool_print(pl, out, 1);
}

struct zbatch *
zpool_filling(struct zpool *pl)
{
	return pl->fill;
}

void
zpool_discard(struct zpool *pl)
{
	if (pl->fill != NULL)
		zbatch_reset(pl->fill);
	pl->fill = NULL;
}

void
zpool_dispatch(struct zpool *pl, const struct sink *out)
{
	struct zbatch *b = pl->fill;

	if (b == NULL)
		return;
	if (!pl->started) {
		zpool_discard(pl);
		return;
	}
	pl->fill = NULL;
	pl->ring[(pl->head + pl->count) % pl->npool] = b;
	pl->count++;
	if (pl->jobs == 1 || pl->serial) {
		pl->fn(pl->ud[pl->next], b);
		pl->next = (pl->next + 1) % pl->jobs;
		b->state = ZB_DONE;
	} else {
		pthread_mutex_lock(&pl->mu);
		b->state = ZB_QUEUED;
		b->next = NULL;
		if (pl->qtail != NULL)
			pl->qtail->next = b;
		else
			pl->qhead = b;
		pl->qtail = b;
		pthread_cond_signal(&pl->work_cv);
		pthread_mutex_unlock(&pl->mu);
	}
	zpool_print(pl, out, 0);
}

struct zbatch *
zpool_batch(struct zpool *pl, const struct sink *out)
{
	size_t i;

	if (pl->fill != NULL)
		return pl->fill;
	for (;;) {
		/* Workers write the state of queued batches: read it locked. */
		pthread_mutex_lock(&pl->mu);
		for (i = 0; i < pl->npool; i++)
			if (pl->pool[i].state == ZB_FREE)
				break;
		if (i < pl->npool) {
			pl->fill = &pl->pool[i];
			pl->fill->state = ZB_FILLING;
		}
		pthread_mutex_unlock(&pl->mu);
		if (pl->fill != NULL) {
			pl->fill->origin_off = ZNONE;
			return pl->fill;
		}
		zpool_print(pl, out, 1);
	}
}
