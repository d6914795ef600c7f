/*
 * checker_impl.h -- the checker's internals, shared by checker.c (the
 * per-record checks) and xref.c (the per-name facts, the pending
 * references and the cross-record checks).  Not an interface: include
 * only from those two files and their unit test.
 *
 * Memory grows with the number of names: one 8-byte slot per name that
 * matters to a cross-record check (a 56-bit hash of the lowercased wire name
 * with 8 fact bits in the low byte, open addressing, load <= 3/4, shards
 * doubling up to 4,096 slots and growing by a quarter after: 11-13 bytes
 * a name in a large table), plus one reference per record whose
 * check waits for the whole zone, 16 bytes and a record of its names,
 * compressed against the apex:
 *   - an SRV whose target had no address yet (on its own list, srvs): swept
 *     away whenever the list fills (xref_sweep) once its target has one,
 *     so a zone that gives each host after its SRV keeps a few of them;
 *   - a browse PTR (and subtype PTR): the instance's name once, the
 *     browsing owner only where it is not the instance minus its first
 *     label, and room for the instance's TXT run (7 bytes), which joins it
 *     when it comes soon after with the same owner bytes (txt_join, a cache
 *     of the last RECENT_N browse references): about 50 bytes an instance
 *     for its PTR and TXT;
 *   - a "." SRV, and a TXT run that found no browse record to join.
 * Tables of pages of their own (alloc_pages), so that grown and merged
 * ones go back to the system; checker_finish sorts the references in place
 * and judges them name by name, with no copy and no table of its own.
 * Measured (srvlint check, 1M-record bench/zone-bench zones): dnssd 27 MB
 * peak RSS at -j 1, 31 MB at -j 2 (250k instances and 250k hosts: 6 MB of
 * names, 4 MB of references, 9 MB of records, 6 MB the process itself;
 * -j 2 adds a worker's parser and batches, and the TXT runs that met their
 * browse record in another worker's checker stay references).
 */
#ifndef SRVLINT_CHECKER_IMPL_H
#define SRVLINT_CHECKER_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "checker.h"

/* Facts about one name (the low byte of its table slot). */
#define NF_ADDR		0x01u	/* has A or AAAA */
#define NF_CNAME	0x02u	/* has CNAME */
/*
 * NF_SRV, NF_SRV_REAL: has SRV (any target) / one with a target other than
 * ".".  Set at once for DNS-SD instances, "." owners and SRVs whose target
 * was known good; an SRV that waits for its target is marked only by
 * checker_finish, and only where a "." SRV shares its owner.
 */
#define NF_SRV		0x04u
#define NF_SRV_REAL	0x08u
#define NF_TXT		0x10u	/* has TXT with data (DNS-SD instance names only) */
#define NF_TXT_EMPTY	0x20u	/* has a zero-length TXT (DNS-SD instance names only) */
#define NF_NS		0x40u	/* has NS below the apex: a delegation */
#define NF_UNKNOWN	0x80u	/* probe: nothing can be said about the name */

/* A wire-format name split into labels. */
#define DNAME_MAX_LABELS 128
struct dname {
	const uint8_t *w;	/* wire bytes, ending in the root label */
	size_t len;		/* bytes in w, root label included */
	int n;			/* labels, the root not counted */
	uint8_t off[DNAME_MAX_LABELS];	/* offset of each label's length byte */
};

/* Splits wire name w; returns 0, or -1 when it is not a well-formed name. */
int xref_dname_parse(struct dname *d, const uint8_t *w, size_t len);

/* 64-bit hash of a wire name, ASCII case ignored. */
uint64_t xref_hash(const uint8_t *w, size_t len);

/* Label i: its bytes and length. */
static inline const uint8_t *
dname_label(const struct dname *d, int i, size_t *len)
{
	*len = d->w[d->off[i]];
	return d->w + d->off[i] + 1;
}

/* The name from label i on, as wire bytes. */
static inline const uint8_t *
dname_suffix(const struct dname *d, int i, size_t *len)
{
	size_t o = i < d->n ? d->off[i] : d->len - 1;
	*len = d->len - o;
	return d->w + o;
}

/*
 * The hash table of per-name facts, in 64 shards picked by the top hash
 * bits: each shard grows on its own, so growing never holds two copies of
 * the whole table (peak memory stays near the table's size).  A key's home
 * slot is bits 8-39 of it as a fraction of the capacity (xref.c home_of),
 * so a shard past 4,096 slots grows by a quarter, not to twice its size.
 */
#define NAMETAB_SHARDS 64
struct nametab_shard {
	uint64_t *slot;		/* 0: empty; else key | facts */
	uint32_t cap;		/* slots (any number), or 0 */
	uint32_t count;
};
struct nametab {
	struct nametab_shard shard[NAMETAB_SHARDS];
};

enum ref_kind {
	REF_SRV_TARGET,		/* key: target; srv-target-cname / -no-address */
	REF_SRV_DOT,		/* key: owner; srv-target-dot-mixed */
	REF_BROWSE,		/* key: instance; dnssd-instance-no-srv / -no-txt (and a TXT run) */
	REF_TXT_SIZE		/* txt-size; the size follows the owner */
};

/*
 * A check that waits for the whole zone: 16 bytes, plus its record in the
 * arena.  A record is a 4-byte header (kind and name encodings in byte 0,
 * the index of its struct ref_pos in bytes 1-3), the owner, then the
 * target (a dname, or for REF_TXT_SIZE a 4-byte size); a browse record
 * keeps only the target when the owner is the target without its first
 * label (REC_OWNER_TGT1), and ends in REC_EXT_LEN bytes for its instance's
 * TXT run (the run's line, 4 bytes, and size, 3; size 0: none).  Names
 * inside the apex are kept without it, and a target that is a suffix of
 * the owner (_http._tcp.h1 -> h1) is kept as the label index where it
 * starts.  The arena holds records only, in the order of the references.
 */
struct ref {
	uint64_t key;		/* hash of the name the check looks up (KEY_MASK bits) | kind */
	uint32_t line;
	uint32_t rec;		/* arena offset of the record */
};

#define REC_KIND	0x03u	/* enum ref_kind */
#define REC_OWNER_TGT1	0x04u	/* no owner: it is the target from its second label on */
#define REC_OWNER_REL	0x10u	/* the owner is relative to the apex */
#define REC_TGT_REL	0x20u	/* the target is relative to the apex */
#define REC_TGT_SUFFIX	0x40u	/* the target is one byte: a label index of the owner */
#define REC_TGT_NONE	0x80u	/* no target */
#define REC_EXT_LEN	7u

/* References are swept (xref_sweep) when their array fills from this many on. */
#define REF_SWEEP_MIN	1024u

/* Browse references made lately, by instance: where a TXT run may join (txt_join). */
#define RECENT_N	1024u

/* References and their records (the arena holds records only, in their order). */
struct reflist {
	struct ref *refs;
	size_t n, cap;
	uint8_t *arena;
	size_t alen, acap;
};

/* Where references came from: interned, so 16 bytes serve many refs. */
struct ref_pos {
	check_set disabled;
	uint32_t file;		/* index into checker.files, or NO_STR */
	uint32_t domain;	/* offset in checker.strs of a NUL-terminated string, or NO_STR */
};
#define NO_STR 0xffffffffu

/*
 * Consecutive TXT records at one DNS-SD instance: their size is summed
 * into one reference (checker_finish adds up all references of an owner).
 */
struct txt_acc {
	uint64_t key;		/* 0: none pending */
	uint32_t size;
	unsigned long line;	/* the first record's line */
	unsigned long last;	/* the last record's line */
	struct rr_pos pos;	/* of the first record (strings borrowed until the next record) */
	uint8_t owner[256];
	size_t owner_len;
};

struct checker {
	const struct lint_ctx *ctx;
	const struct sink *sink;
	uint8_t apex[256];	/* wire name of the zone's origin */
	size_t apex_len;	/* 0: probe mode, every name is inside */

	struct nametab names;
	/*
	 * Facts wait here a few records before they go into the table: each
	 * is prefetched when it arrives, so the table's cache misses overlap
	 * instead of stalling every record in turn.
	 */
	struct { uint64_t key; unsigned facts; } pend[16];
	unsigned npend;

	struct reflist refs;	/* browse, "." SRV and TXT references */
	struct reflist srvs;	/* SRV references: swept as their targets are met */

	struct ref_pos *pos;
	size_t npos, cappos;
	const struct rr_pos *last_pos_src;	/* non-NULL: last_pos is ch->pos[npos - 1] */
	struct rr_pos last_pos;

	uint32_t *files;	/* offsets in strs of interned file names */
	size_t nfiles, capfiles;

	uint8_t *strs;		/* file names and domains (struct ref_pos) */
	size_t slen, scap;
	struct { uint64_t key; uint32_t ref; } recent[RECENT_N];

	struct txt_acc txt;
	/*
	 * An SOA was read (zone mode): without one the input is a fragment,
	 * and checks that conclude from absence are notes "in this file".
	 */
	int has_soa;
	int oom;		/* an allocation failed: cross-record checks are incomplete */
	struct inventory *inv;	/* fed every record, or NULL */
	struct namememo *memo;	/* namecheck answers by label (checker.c), or NULL */
};

/* Frees checker.c's memo; NULL is a no-op. */
void checker_memo_free(struct namememo *m);

/* Ors facts into the entry for key (creating it).  0, or -1 when out of memory. */
int xref_fact(struct checker *ch, uint64_t key, unsigned facts);
/* The facts of key, 0 when the name was never seen. */
unsigned xref_facts(const struct checker *ch, uint64_t key);
/* Puts the waiting facts into the table.  0, or -1 when out of memory. */
int xref_flush(struct checker *ch);

/*
 * Adds a reference from the record at pos/line.  owner and target are wire
 * names (target may be NULL); for REF_TXT_SIZE, size is kept instead.
 */
void xref_add(struct checker *ch, enum ref_kind kind, uint64_t key,
    const struct rr_pos *pos, unsigned long line,
    const uint8_t *owner, size_t owner_len,
    const uint8_t *target, size_t target_len, uint32_t size);

/*
 * Turns the pending TXT sum into a REF_TXT_SIZE reference, whatever its
 * size: the instance may have more TXT records elsewhere in the zone or in
 * another -j worker's checker, and checker_finish judges their total.
 */
void xref_txt_flush(struct checker *ch);

/* The size of TXT data from which txt-size reports (a note). */
#define TXT_SIZE_NOTE 400u
#define TXT_SIZE_WARNING 1300u

/* Nonzero when the wire name is at or below the apex (always in probe mode). */
int xref_inside(const struct checker *ch, const struct dname *d);

/* Nonzero when the n bytes at a and b are equal ignoring ASCII case. */
int xref_ci_equal(const uint8_t *a, const uint8_t *b, size_t n);

#endif
