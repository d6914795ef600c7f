/*
 * finding.c -- findings, and a list that keeps copies of them.
 */
#include <stdlib.h>
#include <string.h>

#include "finding.h"

void
finding_init(struct finding *f, enum check_id id)
{
	memset(f, 0, sizeof(*f));
	f->check = id;
	f->severity = check_info(id)->severity;
}

/*
 * A list's strings live in blocks that never move, so the copies' pointers
 * stay good: one bump a string instead of a malloc and a free (seven
 * strdup calls a finding cost more than the checks that made it).
 * Clearing keeps the oldest block for the next use.
 */
#define FL_BLOCK 16384u
struct fl_block {
	struct fl_block *next;	/* older */
	size_t len, cap;
	char data[];
};

struct finding_list {
	struct finding *items;
	size_t count, cap;
	struct fl_block *blocks;	/* newest first */
};

struct finding_list *
finding_list_create(void)
{
	return calloc(1, sizeof(struct finding_list));
}

void
finding_list_clear(struct finding_list *l)
{
	struct fl_block *b = l->blocks;

	while (b != NULL && b->next != NULL) {
		struct fl_block *older = b->next;
		free(b);
		b = older;
	}
	if (b != NULL)
		b->len = 0;
	l->blocks = b;
	l->count = 0;
}

void
finding_list_destroy(struct finding_list *l)
{
	if (l == NULL)
		return;
	finding_list_clear(l);
	free(l->blocks);
	free(l->items);
	free(l);
}

/* A copy of s in l's blocks (NULL stays NULL); sets *failed when out of memory. */
static const char *
dup_or_null(struct finding_list *l, const char *s, int *failed)
{
	struct fl_block *b = l->blocks;
	size_t n;
	char *d;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	if (b == NULL || b->cap - b->len < n) {
		size_t cap = n > FL_BLOCK ? n : FL_BLOCK;

		if ((b = malloc(sizeof *b + cap)) == NULL) {
			*failed = 1;
			return NULL;
		}
		b->next = l->blocks;
		b->len = 0;
		b->cap = cap;
		l->blocks = b;
	}
	d = b->data + b->len;
	b->len += n;
	return memcpy(d, s, n);
}

int
finding_list_add(struct finding_list *l, const struct finding *f)
{
	struct finding c = *f;
	int failed = 0;

	if (l->count == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		struct finding *n = realloc(l->items, ncap * sizeof(*n));
		if (n == NULL)
			return -1;
		l->items = n;
		l->cap = ncap;
	}
	/* A failed copy leaves its bytes in the blocks until the list is cleared. */
	c.message = dup_or_null(l, f->message, &failed);
	c.owner = dup_or_null(l, f->owner, &failed);
	c.type = dup_or_null(l, f->type, &failed);
	c.file = dup_or_null(l, f->file, &failed);
	c.primary = dup_or_null(l, f->primary, &failed);
	c.domain = dup_or_null(l, f->domain, &failed);
	c.fingerprint = dup_or_null(l, f->fingerprint, &failed);
	if (failed)
		return -1;
	l->items[l->count++] = c;
	return 0;
}

size_t
finding_list_count(const struct finding_list *l)
{
	return l->count;
}

const struct finding *
finding_list_get(const struct finding_list *l, size_t i)
{
	return &l->items[i];
}

void
finding_list_sink(void *l, const struct finding *f)
{
	/* Out of memory loses the finding, never the run. */
	(void)finding_list_add(l, f);
}

static int
compare_position(const struct finding *a, const struct finding *b)
{
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");

	if (c != 0)
		return c;
	return (a->line > b->line) - (a->line < b->line);
}

static void
merge_sort(struct finding *a, struct finding *tmp, size_t n)
{
	size_t half = n / 2, i = 0, j = half, k = 0;

	if (n < 2)
		return;
	merge_sort(a, tmp, half);
	merge_sort(a + half, tmp, n - half);
	while (i < half && j < n)
		tmp[k++] = compare_position(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
	while (i < half)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof(*a));
}

void
finding_list_sort(struct finding_list *l)
{
	struct finding *tmp;

	if (l->count < 2)
		return;
	if ((tmp = malloc(l->count * sizeof(*tmp))) == NULL)
		return;		/* unsorted output beats no output */
	merge_sort(l->items, tmp, l->count);
	free(tmp);
}
