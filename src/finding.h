/*
 * finding.h -- one diagnostic, and the sink every check reports through.
 */
#ifndef SRVLINT_FINDING_H
#define SRVLINT_FINDING_H

#include <stddef.h>

#include "check.h"

/*
 * A finding.  Strings are borrowed: they must live until the sink returns
 * (a sink that keeps a finding copies it, see finding_list).  Strings may
 * hold any bytes; the report escapes every byte that is not printable ASCII.
 */
struct finding {
	enum check_id check;
	enum severity severity;	/* default, or as lowered by the check */
	const char *message;
	const char *owner;	/* absolute presentation name with its dot, or NULL */
	const char *type;	/* RR type mnemonic ("SRV"), or NULL */
	const char *file;	/* zone or request file, or NULL */
	unsigned long line;	/* 1-based; 0 when there is none */
	const char *primary;	/* name-alias, name-legacy: the name to use */
	const char *domain;	/* probe: the domain given on the command line */
	/*
	 * Nonzero for a finding about a name: the hash of that name (a DNS-SD
	 * instance's finding on its type: the type's name).  Such a finding is
	 * reported once per (name_key, check) in a zone, at its first record
	 * (namedup.h); 0 for every other finding.
	 */
	unsigned long long name_key;
	const char *fingerprint;	/* set by the report (fingerprint.h); NULL from checks */
};

/* Initialises f for check id at its default severity, all else empty. */
void finding_init(struct finding *f, enum check_id id);

/* Where findings go.  emit may be called from one thread at a time only. */
struct sink {
	void (*emit)(void *ud, const struct finding *f);
	void *ud;
};

static inline void
sink_emit(const struct sink *s, const struct finding *f)
{
	s->emit(s->ud, f);
}

/*
 * A growable list of findings that owns copies of their strings: for
 * buffering findings (worker threads, `name` objects) until they are printed.
 */
struct finding_list;

/* Returns a new empty list, or NULL when out of memory. */
struct finding_list *finding_list_create(void);
/* Frees the list and every copy it holds; NULL is a no-op. */
void finding_list_destroy(struct finding_list *l);
/* Appends a deep copy of f; returns 0, or -1 when out of memory. */
int finding_list_add(struct finding_list *l, const struct finding *f);
size_t finding_list_count(const struct finding_list *l);
/* The i-th finding; owned by the list, valid until the next add or clear. */
const struct finding *finding_list_get(const struct finding_list *l, size_t i);
/* Empties the list, keeping its memory. */
void finding_list_clear(struct finding_list *l);
/* A sink that appends to l (for struct sink.emit, with ud = l). */
void finding_list_sink(void *l, const struct finding *f);
/* Sorts by (file, line), keeping the order of equal keys. */
void finding_list_sort(struct finding_list *l);

#endif
