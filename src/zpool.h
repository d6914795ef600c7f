/*
 * zpool.h -- the zone reader's worker pool: batches of records go to -j
 * workers in sequence, and their findings come back to the calling thread
 * in that same sequence, so the output does not depend on which worker ran
 * which batch, nor on -j.  -j N starts N - 1 threads; the calling thread
 * is the last worker, running a queued batch whenever it would otherwise
 * wait for one.  With one job there is no thread: a batch is processed on
 * the calling thread when it is dispatched.
 *
 * The pool knows batches, not records: what an entry means is the
 * reader's (zone.c) and its process function's.
 */
#ifndef SRVLINT_ZPOOL_H
#define SRVLINT_ZPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "finding.h"
#include "zstr.h"

#define ZNONE		UINT32_MAX	/* no text offset */
#define ZPOOL_JOBS_MAX	64

enum zent_kind { ZENT_RECORD, ZENT_FINDING };

/* One entry of a batch: a record to parse, or a finding made while reading. */
struct zent {
	enum zent_kind kind;
	enum check_id check;	/* FINDING */
	enum severity sev;	/* FINDING */
	uint32_t text;		/* RECORD: the record; FINDING: the message */
	uint32_t origin;	/* RECORD: the origin text, or ZNONE */
	uint32_t owner;		/* FINDING: the owner, or ZNONE */
	uint32_t ttl;
	unsigned long line;
	const char *file;
	check_set disabled;
};

enum zbatch_state { ZB_FREE, ZB_FILLING, ZB_QUEUED, ZB_DONE };

/* A batch: the entries, their texts, and the findings processing made. */
struct zbatch {
	struct zstr arena;	/* texts, each NUL-terminated */
	struct zent *ent;
	size_t n, cap;
	unsigned long origin_gen;	/* the reader's: origin at origin_off */
	uint32_t origin_off;	/* ZNONE when a batch is handed out */
	struct finding_list *findings;
	enum zbatch_state state;
	struct zbatch *next;	/* the work queue */
};

/* Appends n bytes and a NUL to the batch's texts: their offset, or ZNONE. */
uint32_t zbatch_put(struct zbatch *b, const char *p, size_t n);
/* A new zeroed entry at the end of the batch, or NULL when out of memory. */
struct zent *zbatch_entry(struct zbatch *b);

/* Processes batch b on worker ud, writing its findings to b->findings. */
typedef void (*zpool_fn)(void *ud, struct zbatch *b);

struct zpool;

/* Creates a pool for jobs workers (clamped to 1..ZPOOL_JOBS_MAX); NULL: no memory. */
struct zpool *zpool_create(int jobs);
/* Stops and joins the workers and frees the pool and its batches. */
void zpool_destroy(struct zpool *pl);
int zpool_jobs(const struct zpool *pl);

/*
 * Starts the workers (jobs - 1 threads when jobs > 1, the calling thread
 * the last): worker i runs fn(ud[i], b);
 * ud is borrowed and must live until zpool_destroy.  Threads that cannot
 * be started are done without: fewer workers, or none (the calling thread
 * then runs each batch as it is dispatched, on ud[0], ud[1], ... in turn,
 * as it always does in the fuzzing build); some ud[i] may get no batch.
 */
void zpool_start(struct zpool *pl, zpool_fn fn, void *const *ud);

/* The batch being filled, handing out a free one (printing done ones to out). */
struct zbatch *zpool_batch(struct zpool *pl, const struct sink *out);
/* The batch being filled, or NULL when none is. */
struct zbatch *zpool_filling(struct zpool *pl);
/* Empties the batch being filled and gives it back unprocessed. */
void zpool_discard(struct zpool *pl);
/* Sends the batch being filled to the workers, printing done ones to out. */
void zpool_dispatch(struct zpool *pl, const struct sink *out);
/* Waits for every batch in flight and prints their findings to out. */
void zpool_drain(struct zpool *pl, const struct sink *out);

#endif
