/*
 * inventory.c -- what a zone or a domain advertises (inventory.h), built
 * from the records the checker reads and the findings the report passes on.
 *
 * Every name is keyed by a 64-bit hash of its lower-cased presentation form
 * (dname_str, the form findings carry), so a finding finds its node by its
 * owner string.  Services are kept up to INVENTORY_SERVICES_MAX in a
 * max-heap by owner: a new owner past the bound either replaces the
 * greatest kept one or is refused, and an owner once out stays out, so the
 * kept set is the first ones in name order whatever order the -j workers
 * deliver records in.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dname.h"
#include "inventory.h"

#define URI_SALT 0x9e3779b97f4a7c15ull	/* a URI owner's key: its name's ^ this */
#define CNAME_HOPS 8

/* --- a chained hash map of 64-bit keys ------------------------------------ */

struct hent {
	uint64_t key;
	void *val;
	struct hent *next;
};

struct hmap {
	struct hent **b;
	size_t nb, n;
};

static void *
hmap_get(const struct hmap *m, uint64_t key)
{
	if (m->nb == 0)
		return NULL;
	for (struct hent *e = m->b[key & (m->nb - 1)]; e != NULL; e = e->next)
		if (e->key == key)
			return e->val;
	return NULL;
}

static int
hmap_grow(struct hmap *m)
{
	size_t nb = m->nb ? m->nb * 2 : 64;
	struct hent **b = calloc(nb, sizeof *b);

	if (b == NULL)
		return -1;
	for (size_t i = 0; i < m->nb; i++)
		for (struct hent *e = m->b[i], *next; e != NULL; e = next) {
			next = e->next;
			e->next = b[e->key & (nb - 1)];
			b[e->key & (nb - 1)] = e;
		}
	free(m->b);
	m->b = b;
	m->nb = nb;
	return 0;
}

/* Adds key (which must be absent).  0, or -1 when out of memory. */
static int
hmap_put(struct hmap *m, uint64_t key, void *val)
{
	struct hent *e;

	if (m->n >= m->nb && hmap_grow(m) != 0)
		return -1;
	if ((e = malloc(sizeof *e)) == NULL)
		return -1;
	e->key = key;
	e->val = val;
	e->next = m->b[key & (m->nb - 1)];
	m->b[key & (m->nb - 1)] = e;
	m->n++;
	return 0;
}

static void
hmap_del(struct hmap *m, uint64_t key)
{
	struct hent **p;

	if (m->nb == 0)
		return;
	for (p = &m->b[key & (m->nb - 1)]; *p != NULL; p = &(*p)->next)
		if ((*p)->key == key) {
			struct hent *e = *p;
			*p = e->next;
			free(e);
			m->n--;
			return;
		}
}

/* Frees the map's entries; free_val, when set, frees each value. */
static void
hmap_free(struct hmap *m, void (*free_val)(void *))
{
	for (size_t i = 0; i < m->nb; i++)
		for (struct hent *e = m->b[i], *next; e != NULL; e = next) {
			next = e->next;
			if (free_val != NULL)
				free_val(e->val);
			free(e);
		}
	free(m->b);
	memset(m, 0, sizeof *m);
}

/* --- a set of 64-bit keys: 8 bytes a slot, for what is only counted ------- */

struct kset {
	uint64_t *slot;		/* 0: empty (key 0 is stored as 1) */
	size_t cap, n;
};

/* Adds key; returns 1 when it was new, 0 when present, -1 out of memory. */
static int
kset_add(struct kset *s, uint64_t key)
{
	size_t i;

	key = key ? key : 1;
	if ((s->n + 1) * 4 > s->cap * 3) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		uint64_t *slot = calloc(cap, sizeof *slot);

		if (slot == NULL)
			return -1;
		for (i = 0; i < s->cap; i++) {
			size_t j;
			if (s->slot[i] == 0)
				continue;
			for (j = s->slot[i] & (cap - 1); slot[j] != 0; j = (j + 1) & (cap - 1))
				;
			slot[j] = s->slot[i];
		}
		free(s->slot);
		s->slot = slot;
		s->cap = cap;
	}
	for (i = key & (s->cap - 1); s->slot[i] != 0; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == key)
			return 0;
	s->slot[i] = key;
	s->n++;
	return 1;
}

static int
kset_has(const struct kset *s, uint64_t key)
{
	key = key ? key : 1;
	if (s->cap == 0)
		return 0;
	for (size_t i = key & (s->cap - 1); s->slot[i] != 0; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == key)
			return 1;
	return 0;
}

/* --- the nodes -------------------------------------------------------------- */

/* A TXT record: its character-strings, each with its length byte. */
struct txtrec {
	uint8_t *wire;
	size_t len;
	unsigned nstr;
};

struct svc {
	struct inv_service pub;
	uint64_t key;
	uint64_t type_key;	/* instance: the key of its _svc._proto suffix */
	uint64_t *tkey;		/* each target's host key */
	size_t captargets, captkey;
	struct txtrec *rec;
	size_t nrec, caprec;
	unsigned ntxtstr;
	int weak;		/* file and line are an announcing PTR's */
};

struct host {
	char *name;
	long wanted;		/* how many kept SRV targets point at it, directly or through CNAMEs */
	char *cname;		/* its CNAME's target, or NULL */
	uint64_t ckey;
	struct inv_addr *addr;
	size_t naddr, capaddr;
	struct inv_findings findings;
};

struct type {
	struct inv_type pub;
	uint64_t key;
	size_t capsub;
	size_t index;		/* in the view, after sorting */
};

struct inventory {
	pthread_mutex_t mu;
	char *file;
	char *domain;
	int domain_set;
	int addresses_only;
	int oom;

	struct hmap svcs;	/* key -> struct svc */
	struct svc **heap;	/* max-heap by owner */
	size_t nheap, capheap;
	struct kset refused;	/* owners past the bound */

	struct hmap types;	/* key -> struct type */
	struct hmap subs;	/* subtype owner key -> struct type */
	struct kset types_refused;
	struct kset pairs;	/* (type, instance) announced */

	struct hmap hosts;	/* key -> struct host */
	size_t npool;		/* hosts not wanted */
	int pool_full;

	char **files;		/* file names, interned */
	size_t nfiles;

	struct inv_findings findings;	/* about no node */
	struct inv_finding *table;
	size_t ntable, captable;
	unsigned long more_findings;
	unsigned long count[SEV_ERROR + 1];

	struct inv_view view;
	struct inv_type *vtypes;
	struct inv_service *vsvcs;
};

/* FNV-1a over the lower-cased name. */
static uint64_t
key_of(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h = (h ^ c) * 0x100000001b3ull;
	}
	return h;
}

static void *
grow(struct inventory *inv, void *p, size_t *cap, size_t n, size_t size)
{
	size_t c;
	void *q;

	if (n < *cap)
		return p;
	c = *cap ? *cap * 2 : 1;	/* most owners have one target, one TXT record */
	if ((q = realloc(p, c * size)) == NULL) {
		inv->oom = 1;
		return NULL;
	}
	*cap = c;
	return q;
}

static void
findings_add(struct inventory *inv, struct inv_findings *f, enum check_id id,
    enum severity sev)
{
	size_t i;
	void *c, *s;

	if (sev > f->worst)
		f->worst = sev;
	for (i = 0; i < f->n; i++)
		if (f->check[i] == id) {
			if (sev > f->sev[i])
				f->sev[i] = (uint8_t)sev;
			return;
		}
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 4;
		if ((c = realloc(f->check, cap)) == NULL) {
			inv->oom = 1;
			return;
		}
		f->check = c;
		if ((s = realloc(f->sev, cap)) == NULL) {
			inv->oom = 1;
			return;
		}
		f->sev = s;
		f->cap = cap;
	}
	f->check[f->n] = (uint8_t)id;
	f->sev[f->n++] = (uint8_t)sev;
}

static void
findings_free(struct inv_findings *f)
{
	free(f->check);
	free(f->sev);
}

/* Sorts by check id, so that arrival order (check vs probe) does not show. */
static void
findings_sort(struct inv_findings *f)
{
	for (size_t i = 1; i < f->n; i++)
		for (size_t j = i; j > 0 && f->check[j - 1] > f->check[j]; j--) {
			uint8_t c = f->check[j], s = f->sev[j];
			f->check[j] = f->check[j - 1];
			f->sev[j] = f->sev[j - 1];
			f->check[j - 1] = c;
			f->sev[j - 1] = s;
		}
}

static void
svc_free(void *p)
{
	struct svc *s = p;

	if (s == NULL)
		return;
	free(s->pub.owner);
	free(s->pub.service);
	free(s->pub.proto);
	free(s->pub.instance);
	for (size_t i = 0; i < s->pub.ntargets; i++) {
		free(s->pub.targets[i].name);
		free(s->pub.targets[i].uri);
	}
	free(s->pub.targets);
	free(s->tkey);
	for (size_t i = 0; i < s->nrec; i++)
		free(s->rec[i].wire);
	free(s->rec);
	free(s->pub.txt);
	findings_free(&s->pub.findings);
	free(s);
}

static void
host_free(void *p)
{
	struct host *h = p;

	if (h == NULL)
		return;
	free(h->name);
	free(h->cname);
	free(h->addr);
	findings_free(&h->findings);
	free(h);
}

static void
type_free(void *p)
{
	struct type *t = p;

	if (t == NULL)
		return;
	free(t->pub.owner);
	free(t->pub.service);
	free(t->pub.proto);
	for (size_t i = 0; i < t->pub.nsubtypes; i++)
		free(t->pub.subtypes[i]);
	free(t->pub.subtypes);
	findings_free(&t->pub.findings);
	free(t);
}

/* --- names ------------------------------------------------------------------- */

/* A wire name split into labels. */
struct wname {
	const uint8_t *w;
	size_t len;
	int n;
	size_t off[128];
};

static int
wname_parse(struct wname *d, const ldns_rdf *rdf)
{
	size_t i = 0;

	if (rdf == NULL || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME)
		return -1;
	d->w = ldns_rdf_data(rdf);
	d->len = ldns_rdf_size(rdf);
	d->n = 0;
	while (i < d->len && d->w[i] != 0) {
		if (d->n == 128 || i + 1 + d->w[i] >= d->len)
			return -1;
		d->off[d->n++] = i;
		i += 1 + d->w[i];
	}
	return i + 1 == d->len ? 0 : -1;
}

static int
lab_us(const struct wname *d, int i)
{
	return i < d->n && d->w[d->off[i]] > 0 && d->w[d->off[i] + 1] == '_';
}

static int
lab_is(const struct wname *d, int i, const char *s)
{
	size_t n = strlen(s);

	return i < d->n && d->w[d->off[i]] == n &&
	    strncasecmp((const char *)d->w + d->off[i] + 1, s, n) == 0;
}

/* The name from label i on, in presentation form (malloc'd), or NULL. */
static char *
suffix_str(const struct wname *d, int i)
{
	size_t o = i < d->n ? d->off[i] : d->len - 1;

	return dname_str(d->w + o, d->len - o);
}

/* Label i without its first `skip` bytes, in presentation form, or NULL. */
static char *
label_str(const struct wname *d, int i, size_t skip)
{
	uint8_t w[66];
	size_t n = d->w[d->off[i]];
	char *s;

	if (skip > n)
		return NULL;
	w[0] = (uint8_t)(n - skip);
	memcpy(w + 1, d->w + d->off[i] + 1 + skip, n - skip);
	w[n - skip + 1] = 0;
	if (n == skip)
		return strdup("");
	if ((s = dname_str(w, n - skip + 2)) != NULL)
		s[strlen(s) - 1] = '\0';	/* the root's dot */
	return s;
}

/* <Instance>._svc._proto.D, as the checker judges it. */
static int
is_instance(const struct wname *d)
{
	return d->n >= 3 && !lab_us(d, 0) && lab_us(d, 1) && !lab_is(d, 1, "_sub") &&
	    lab_us(d, 2);
}

static const char *
intern_file(struct inventory *inv, const char *file)
{
	char **f;

	if (file == NULL)
		return NULL;
	for (size_t i = 0; i < inv->nfiles; i++)
		if (strcmp(inv->files[i], file) == 0)
			return inv->files[i];
	if ((f = realloc(inv->files, (inv->nfiles + 1) * sizeof *f)) == NULL) {
		inv->oom = 1;
		return NULL;
	}
	inv->files = f;
	if ((f[inv->nfiles] = strdup(file)) == NULL) {
		inv->oom = 1;
		return NULL;
	}
	return f[inv->nfiles++];
}

/* --- services, bounded by a max-heap of owners -------------------------------- */

static int
svc_cmp(const struct svc *a, const struct svc *b)
{
	int c = strcasecmp(a->pub.owner, b->pub.owner);

	if (c == 0)
		c = strcmp(a->pub.rrtype, b->pub.rrtype);
	if (c == 0)
		c = strcmp(a->pub.owner, b->pub.owner);
	return c;
}

static void
heap_swap(struct inventory *inv, size_t i, size_t j)
{
	struct svc *t = inv->heap[i];

	inv->heap[i] = inv->heap[j];
	inv->heap[j] = t;
}

static void
heap_up(struct inventory *inv, size_t i)
{
	while (i > 0 && svc_cmp(inv->heap[(i - 1) / 2], inv->heap[i]) < 0) {
		heap_swap(inv, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void
heap_down(struct inventory *inv, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < inv->nheap && svc_cmp(inv->heap[l], inv->heap[m]) > 0)
			m = l;
		if (r < inv->nheap && svc_cmp(inv->heap[r], inv->heap[m]) > 0)
			m = r;
		if (m == i)
			return;
		heap_swap(inv, i, m);
		i = m;
	}
}

static void host_want(struct inventory *inv, const char *name, uint64_t key,
    long delta, int depth);

/* Drops the greatest kept service: it is counted as one more. */
static void
svc_evict(struct inventory *inv)
{
	struct svc *s = inv->heap[0];

	inv->heap[0] = inv->heap[--inv->nheap];
	heap_down(inv, 0);
	for (size_t i = 0; i < s->pub.ntargets; i++)
		if (s->pub.targets[i].name != NULL && strcmp(s->pub.targets[i].name, ".") != 0)
			host_want(inv, s->pub.targets[i].name, s->tkey[i], -1, 0);
	hmap_del(&inv->svcs, s->key);
	if (kset_add(&inv->refused, s->key) < 0)
		inv->oom = 1;
	svc_free(s);
}

/* Fills in the owner's service and protocol labels and the instance. */
static int
svc_names(struct svc *s, const struct wname *o)
{
	int si = -1, pi = -1;

	if (is_instance(o)) {
		if ((s->pub.instance = malloc(o->w[o->off[0]] + 1)) == NULL)
			return -1;
		s->pub.instance_len = o->w[o->off[0]];
		memcpy(s->pub.instance, o->w + o->off[0] + 1, s->pub.instance_len);
		s->pub.instance[s->pub.instance_len] = '\0';
		si = 1;
		pi = 2;
	} else if (lab_us(o, 0)) {
		si = 0;
		pi = lab_us(o, 1) ? 1 : -1;
	}
	if (si >= 0 && (s->pub.service = label_str(o, si, 1)) == NULL)
		return -1;
	if (pi >= 0 && (s->pub.proto = label_str(o, pi, 1)) == NULL)
		return -1;
	if (s->pub.instance != NULL) {
		char *t = suffix_str(o, 1);
		if (t == NULL)
			return -1;
		s->type_key = key_of(t);
		free(t);
	}
	return 0;
}

/*
 * The service for owner o and RR type (SRV or URI), created when new.
 * NULL when it is past the bound (or out of memory).  Its file and line
 * are its first record's; weak: pos is a PTR that announces it, which
 * counts only until one of its own records comes.
 */
static struct svc *
svc_get(struct inventory *inv, const struct wname *o, int uri,
    const struct rr_pos *pos, int weak)
{
	char *owner = dname_str(o->w, o->len);
	uint64_t key;
	struct svc *s, probe;

	if (owner == NULL) {
		inv->oom = 1;
		return NULL;
	}
	key = key_of(owner) ^ (uri ? URI_SALT : 0);
	if ((s = hmap_get(&inv->svcs, key)) != NULL || kset_has(&inv->refused, key)) {
		free(owner);
		goto found;
	}
	probe.pub.owner = owner;
	probe.pub.rrtype = uri ? "URI" : "SRV";
	if (inv->nheap >= INVENTORY_SERVICES_MAX) {
		if (svc_cmp(&probe, inv->heap[0]) > 0) {
			if (kset_add(&inv->refused, key) < 0)
				inv->oom = 1;
			free(owner);
			return NULL;
		}
		svc_evict(inv);
	}
	if ((s = calloc(1, sizeof *s)) == NULL)
		goto oom;
	s->pub.owner = owner;
	owner = NULL;
	s->pub.rrtype = probe.pub.rrtype;
	s->pub.type = -1;
	s->key = key;
	if (svc_names(s, o) != 0 ||
	    (inv->heap = grow(inv, inv->heap, &inv->capheap, inv->nheap, sizeof *inv->heap)) == NULL ||
	    hmap_put(&inv->svcs, key, s) != 0)
		goto oom;
	inv->heap[inv->nheap++] = s;
	heap_up(inv, inv->nheap - 1);
found:
	if (s != NULL && pos != NULL && pos->file != NULL && (s->pub.file == NULL ||
	    (s->weak && !weak) || (s->weak == weak && (pos->line < s->pub.line ||
	    (pos->line == s->pub.line && strcmp(pos->file, s->pub.file) < 0))))) {
		s->pub.file = intern_file(inv, pos->file);
		s->pub.line = pos->line;
		s->weak = weak;
	}
	return s;
oom:
	inv->oom = 1;
	free(owner);
	if (s != NULL && hmap_get(&inv->svcs, key) == NULL)
		svc_free(s);
	return NULL;
}

/* --- hosts -------------------------------------------------------------------- */

/* The host called name (created when new and create is set), or NULL. */
static struct host *
host_get(struct inventory *inv, const char *name, uint64_t key, int create)
{
	struct host *h = hmap_get(&inv->hosts, key);

	if (h != NULL || !create)
		return h;
	if ((h = calloc(1, sizeof *h)) == NULL || (h->name = strdup(name)) == NULL ||
	    hmap_put(&inv->hosts, key, h) != 0) {
		inv->oom = 1;
		host_free(h);
		return NULL;
	}
	inv->npool++;
	return h;
}

/* A host no kept service wants any more: back to the pool, or gone. */
static void
host_unwanted(struct inventory *inv, struct host *h, uint64_t key)
{
	if (h->naddr == 0 && h->cname == NULL && h->findings.n == 0) {
		hmap_del(&inv->hosts, key);
		host_free(h);
	} else if (inv->npool < INVENTORY_POOL_MAX && !inv->addresses_only) {
		inv->npool++;
	} else {
		/* Its data is lost: a service that wants it later needs a second read. */
		inv->pool_full = 1;
		hmap_del(&inv->hosts, key);
		host_free(h);
	}
}

/*
 * delta kept targets point at name (delta < 0: stopped pointing, their
 * service was evicted): keep its addresses and its CNAME chain's while
 * any does.
 */
static void
host_want(struct inventory *inv, const char *name, uint64_t key, long delta, int depth)
{
	struct host *h = delta > 0 ? host_get(inv, name, key, 1) : hmap_get(&inv->hosts, key);
	char *cname;
	uint64_t ckey;
	long was;

	if (h == NULL)
		return;
	was = h->wanted;
	h->wanted = was + delta > 0 ? was + delta : 0;
	cname = h->cname != NULL && depth < CNAME_HOPS ? strdup(h->cname) : NULL;
	if (cname == NULL && h->cname != NULL && depth < CNAME_HOPS)
		inv->oom = 1;
	ckey = h->ckey;
	if (was == 0 && h->wanted > 0)
		inv->npool--;
	else if (was > 0 && h->wanted == 0)
		host_unwanted(inv, h, key);
	if (cname != NULL)
		host_want(inv, cname, ckey, delta, depth + 1);
	free(cname);
}

/* The host an address or CNAME record at owner name adds to, or NULL. */
static struct host *
host_for_record(struct inventory *inv, const char *name, uint64_t key)
{
	struct host *h = host_get(inv, name, key, 0);

	if (h != NULL)
		return h;
	if (inv->addresses_only)
		return NULL;
	if (inv->npool >= INVENTORY_POOL_MAX) {
		inv->pool_full = 1;
		return NULL;
	}
	return host_get(inv, name, key, 1);
}

static void
host_address(struct inventory *inv, struct host *h, int family, const uint8_t *a,
    size_t len)
{
	struct inv_addr *x;

	for (size_t i = 0; i < h->naddr; i++)
		if (h->addr[i].family == family && memcmp(h->addr[i].a, a, len) == 0)
			return;
	if (h->naddr >= INVENTORY_ADDRS_MAX ||
	    (x = grow(inv, h->addr, &h->capaddr, h->naddr, sizeof *h->addr)) == NULL)
		return;
	h->addr = x;
	memset(&x[h->naddr], 0, sizeof x[h->naddr]);
	x[h->naddr].family = family;
	memcpy(x[h->naddr++].a, a, len);
}

/* --- the records -------------------------------------------------------------- */

static void
rec_srv(struct inventory *inv, const ldns_rr *rr, const struct wname *o,
    const struct rr_pos *pos)
{
	struct svc *s;
	struct wname t;
	struct inv_target *x;
	char *name;
	uint64_t *k;
	unsigned prio, weight, port;

	if (ldns_rr_rd_count(rr) < 4 || wname_parse(&t, ldns_rr_rdf(rr, 3)) != 0 ||
	    (s = svc_get(inv, o, 0, pos, 0)) == NULL)
		return;
	prio = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
	weight = ldns_rdf2native_int16(ldns_rr_rdf(rr, 1));
	port = ldns_rdf2native_int16(ldns_rr_rdf(rr, 2));
	if ((name = dname_str(t.w, t.len)) == NULL) {
		inv->oom = 1;
		return;
	}
	for (size_t i = 0; i < s->pub.ntargets; i++) {
		x = &s->pub.targets[i];
		if (x->priority == prio && x->weight == weight && x->port == port &&
		    strcasecmp(x->name, name) == 0) {
			free(name);
			return;
		}
	}
	if (s->pub.ntargets >= INVENTORY_TARGETS_MAX)
		goto drop;
	if ((x = grow(inv, s->pub.targets, &s->captargets, s->pub.ntargets, sizeof *x)) == NULL)
		goto drop;
	s->pub.targets = x;
	if ((k = grow(inv, s->tkey, &s->captkey, s->pub.ntargets, sizeof *k)) == NULL)
		goto drop;
	s->tkey = k;
	x = &s->pub.targets[s->pub.ntargets];
	memset(x, 0, sizeof *x);
	x->name = name;
	x->priority = prio;
	x->weight = weight;
	x->port = port;
	s->tkey[s->pub.ntargets++] = key_of(name);
	if (t.n > 0)
		host_want(inv, name, key_of(name), 1, 0);
	return;
drop:
	free(name);
}

static void
rec_uri(struct inventory *inv, const ldns_rr *rr, const struct wname *o,
    const struct rr_pos *pos)
{
	struct svc *s;
	struct inv_target *x;
	const ldns_rdf *u;
	unsigned prio, weight;

	if (ldns_rr_rd_count(rr) < 3 || (u = ldns_rr_rdf(rr, 2)) == NULL ||
	    (s = svc_get(inv, o, 1, pos, 0)) == NULL)
		return;
	prio = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
	weight = ldns_rdf2native_int16(ldns_rr_rdf(rr, 1));
	for (size_t i = 0; i < s->pub.ntargets; i++) {
		x = &s->pub.targets[i];
		if (x->priority == prio && x->weight == weight &&
		    x->uri_len == ldns_rdf_size(u) &&
		    (x->uri_len == 0 || memcmp(x->uri, ldns_rdf_data(u), x->uri_len) == 0))
			return;
	}
	if (s->pub.ntargets >= INVENTORY_TARGETS_MAX ||
	    (x = grow(inv, s->pub.targets, &s->captargets, s->pub.ntargets, sizeof *x)) == NULL)
		return;
	s->pub.targets = x;
	x = &s->pub.targets[s->pub.ntargets];
	memset(x, 0, sizeof *x);
	if ((x->uri = malloc(ldns_rdf_size(u) + 1)) == NULL) {
		inv->oom = 1;
		return;
	}
	if (ldns_rdf_size(u) > 0)
		memcpy(x->uri, ldns_rdf_data(u), ldns_rdf_size(u));
	x->uri[ldns_rdf_size(u)] = '\0';
	x->uri_len = ldns_rdf_size(u);
	x->priority = prio;
	x->weight = weight;
	s->pub.ntargets++;
}

static void
rec_txt(struct inventory *inv, const ldns_rr *rr, const struct wname *o,
    const struct rr_pos *pos)
{
	struct svc *s;
	struct txtrec *r;
	size_t len = 0, n = ldns_rr_rd_count(rr);
	uint8_t *w;

	if (!is_instance(o) || (s = svc_get(inv, o, 0, pos, 0)) == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		len += ldns_rdf_size(ldns_rr_rdf(rr, i));
	for (size_t i = 0; i < s->nrec; i++) {
		size_t off = 0, k;
		if (s->rec[i].len != len)
			continue;
		for (k = 0; k < n; k++) {
			const ldns_rdf *d = ldns_rr_rdf(rr, k);
			if (ldns_rdf_size(d) > 0 &&
			    memcmp(s->rec[i].wire + off, ldns_rdf_data(d), ldns_rdf_size(d)) != 0)
				break;
			off += ldns_rdf_size(d);
		}
		if (k == n)
			return;		/* the same record again */
	}
	if (s->ntxtstr + n > INVENTORY_TXT_MAX ||
	    (r = grow(inv, s->rec, &s->caprec, s->nrec, sizeof *r)) == NULL)
		return;
	s->rec = r;
	if ((w = malloc(len ? len : 1)) == NULL) {
		inv->oom = 1;
		return;
	}
	len = 0;
	for (size_t i = 0; i < n; i++) {
		const ldns_rdf *d = ldns_rr_rdf(rr, i);
		if (ldns_rdf_size(d) > 0)
			memcpy(w + len, ldns_rdf_data(d), ldns_rdf_size(d));
		len += ldns_rdf_size(d);
	}
	r[s->nrec].wire = w;
	r[s->nrec].len = len;
	r[s->nrec++].nstr = (unsigned)n;
	s->ntxtstr += (unsigned)n;
}

/* The type called name (created when new), or NULL past the bound. */
static struct type *
type_get(struct inventory *inv, const struct wname *d, int from)
{
	char *owner = suffix_str(d, from);
	uint64_t key;
	struct type *t;

	if (owner == NULL) {
		inv->oom = 1;
		return NULL;
	}
	key = key_of(owner);
	if ((t = hmap_get(&inv->types, key)) != NULL || kset_has(&inv->types_refused, key)) {
		free(owner);
		return t;
	}
	if (inv->types.n >= INVENTORY_TYPES_MAX) {
		if (kset_add(&inv->types_refused, key) < 0)
			inv->oom = 1;
		free(owner);
		return NULL;
	}
	if ((t = calloc(1, sizeof *t)) == NULL) {
		free(owner);
		inv->oom = 1;
		return NULL;
	}
	t->pub.owner = owner;
	t->key = key;
	if ((t->pub.service = label_str(d, from, 1)) == NULL ||
	    (t->pub.proto = label_str(d, from + 1, 1)) == NULL ||
	    hmap_put(&inv->types, key, t) != 0) {
		inv->oom = 1;
		type_free(t);
		return NULL;
	}
	return t;
}

/* A browse or subtype PTR of type t announces the instance at rdf. */
static void
type_instance(struct inventory *inv, struct type *t, const ldns_rdf *rdf,
    const struct rr_pos *pos)
{
	struct wname i;
	char *name;
	int fresh;

	if (wname_parse(&i, rdf) != 0 || (name = dname_str(i.w, i.len)) == NULL)
		return;
	fresh = kset_add(&inv->pairs, key_of(name) * 31 + t->key);
	free(name);
	if (fresh < 0)
		inv->oom = 1;
	if (fresh == 1)
		t->pub.instances++;
	if (is_instance(&i))
		(void)svc_get(inv, &i, 0, pos, 1);
}

static void
type_subtype(struct inventory *inv, struct type *t, const struct wname *o)
{
	char *sub, *owner, **v;
	uint64_t key;

	if ((owner = dname_str(o->w, o->len)) == NULL) {
		inv->oom = 1;
		return;
	}
	key = key_of(owner);
	free(owner);
	if (hmap_get(&inv->subs, key) != NULL)
		return;
	if (hmap_put(&inv->subs, key, t) != 0) {
		inv->oom = 1;
		return;
	}
	if (t->pub.nsubtypes >= INVENTORY_SUBTYPES_MAX || (sub = label_str(o, 0, 0)) == NULL)
		return;
	if ((v = grow(inv, t->pub.subtypes, &t->capsub, t->pub.nsubtypes, sizeof *v)) == NULL) {
		free(sub);
		return;
	}
	t->pub.subtypes = v;
	v[t->pub.nsubtypes++] = sub;
}

static void
rec_ptr(struct inventory *inv, const ldns_rr *rr, const struct wname *o,
    const struct rr_pos *pos)
{
	struct wname target;
	struct type *t;

	if (ldns_rr_rd_count(rr) < 1)
		return;
	if (o->n >= 3 && lab_is(o, 0, "_services") && lab_is(o, 1, "_dns-sd") &&
	    lab_is(o, 2, "_udp")) {
		/* The enumeration: the target is a type. */
		if (wname_parse(&target, ldns_rr_rdf(rr, 0)) == 0 && target.n >= 2 &&
		    lab_us(&target, 0) && lab_us(&target, 1) && !lab_is(&target, 0, "_sub"))
			(void)type_get(inv, &target, 0);
		return;
	}
	if (o->n >= 4 && lab_is(o, 1, "_sub") && lab_us(o, 2) && lab_us(o, 3)) {
		if ((t = type_get(inv, o, 2)) != NULL) {
			type_subtype(inv, t, o);
			type_instance(inv, t, ldns_rr_rdf(rr, 0), pos);
		}
		return;
	}
	if (o->n >= 2 && lab_us(o, 0) && lab_us(o, 1) && !lab_is(o, 0, "_sub") &&
	    !lab_is(o, 1, "_dns-sd") && (t = type_get(inv, o, 0)) != NULL)
		type_instance(inv, t, ldns_rr_rdf(rr, 0), pos);
}

static void
rec_host(struct inventory *inv, const ldns_rr *rr, const struct wname *o)
{
	ldns_rr_type type = ldns_rr_get_type(rr);
	const ldns_rdf *d = ldns_rr_rdf(rr, 0);
	char name[DNAME_STR_MAX];
	uint64_t key;
	struct host *h;
	struct wname c;

	if (d == NULL || dname_str_buf(o->w, o->len, name) == NULL)
		return;
	key = key_of(name);
	if ((h = host_for_record(inv, name, key)) == NULL)
		return;
	if (type == LDNS_RR_TYPE_A && ldns_rdf_size(d) == 4)
		host_address(inv, h, AF_INET, ldns_rdf_data(d), 4);
	else if (type == LDNS_RR_TYPE_AAAA && ldns_rdf_size(d) == 16)
		host_address(inv, h, AF_INET6, ldns_rdf_data(d), 16);
	else if (type == LDNS_RR_TYPE_CNAME && h->cname == NULL &&
	    wname_parse(&c, d) == 0) {
		if ((h->cname = dname_str(c.w, c.len)) == NULL) {
			inv->oom = 1;
			return;
		}
		h->ckey = key_of(h->cname);
		if (h->wanted)
			host_want(inv, h->cname, h->ckey, h->wanted, 1);
	}
}

void
inventory_record(struct inventory *inv, const ldns_rr *rr, const struct rr_pos *pos)
{
	ldns_rr_type type;
	struct wname o;

	if (inv == NULL || rr == NULL || ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN)
		return;
	type = ldns_rr_get_type(rr);
	switch (type) {
	case LDNS_RR_TYPE_SRV: case LDNS_RR_TYPE_URI: case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_PTR: case LDNS_RR_TYPE_A: case LDNS_RR_TYPE_AAAA:
	case LDNS_RR_TYPE_CNAME:
		break;
	default:
		return;
	}
	if (wname_parse(&o, ldns_rr_owner(rr)) != 0)
		return;
	pthread_mutex_lock(&inv->mu);
	if (inv->addresses_only && type != LDNS_RR_TYPE_A && type != LDNS_RR_TYPE_AAAA &&
	    type != LDNS_RR_TYPE_CNAME)
		goto out;
	switch (type) {
	case LDNS_RR_TYPE_SRV:
		rec_srv(inv, rr, &o, pos);
		break;
	case LDNS_RR_TYPE_URI:
		rec_uri(inv, rr, &o, pos);
		break;
	case LDNS_RR_TYPE_TXT:
		rec_txt(inv, rr, &o, pos);
		break;
	case LDNS_RR_TYPE_PTR:
		rec_ptr(inv, rr, &o, pos);
		break;
	default:
		rec_host(inv, rr, &o);
		break;
	}
out:
	pthread_mutex_unlock(&inv->mu);
}

void
inventory_record_cb(void *inv, const ldns_rr *rr, const struct rr_pos *pos)
{
	inventory_record(inv, rr, pos);
}

/* --- findings ------------------------------------------------------------------ */

static char *
dup0(struct inventory *inv, const char *s)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		inv->oom = 1;
	return d;
}

static void
table_add(struct inventory *inv, const struct finding *f)
{
	struct inv_finding *t;

	if (inv->ntable >= INVENTORY_FINDINGS_MAX) {
		inv->more_findings++;
		return;
	}
	if ((t = grow(inv, inv->table, &inv->captable, inv->ntable, sizeof *t)) == NULL)
		return;
	inv->table = t;
	t += inv->ntable++;
	t->check = f->check;
	t->severity = f->severity;
	t->owner = dup0(inv, f->owner);
	t->type = dup0(inv, f->type);
	t->file = dup0(inv, f->file);
	t->message = dup0(inv, f->message);
	t->line = f->line;
}

/*
 * The findings list of the node owner names, the inventory's own when it
 * names none, NULL when it names a service past the bound.
 */
static struct inv_findings *
node_of(struct inventory *inv, const char *owner, const char *type)
{
	uint64_t key;
	struct svc *s = NULL;
	struct type *t;
	struct host *h;

	if (owner == NULL)
		return &inv->findings;
	key = key_of(owner);
	if (kset_has(&inv->refused, key) || kset_has(&inv->refused, key ^ URI_SALT))
		return NULL;	/* about a service past the bound */
	if (type != NULL && strcmp(type, "URI") == 0)
		s = hmap_get(&inv->svcs, key ^ URI_SALT);
	if (s == NULL)
		s = hmap_get(&inv->svcs, key);
	if (s == NULL && (type == NULL || strcmp(type, "SRV") != 0))
		s = hmap_get(&inv->svcs, key ^ URI_SALT);
	if (s != NULL)
		return &s->pub.findings;
	if ((t = hmap_get(&inv->types, key)) != NULL || (t = hmap_get(&inv->subs, key)) != NULL)
		return &t->pub.findings;
	if ((h = hmap_get(&inv->hosts, key)) != NULL)
		return &h->findings;
	return &inv->findings;
}

void
inventory_finding(struct inventory *inv, const struct finding *f)
{
	struct inv_findings *node;

	if (inv == NULL || f->severity == SEV_OFF)
		return;
	pthread_mutex_lock(&inv->mu);
	inv->count[f->severity]++;
	table_add(inv, f);
	if ((node = node_of(inv, f->owner, f->type)) != NULL)
		findings_add(inv, node, f->check, f->severity);
	pthread_mutex_unlock(&inv->mu);
}

void
inventory_sink(void *inv, const struct finding *f)
{
	inventory_finding(inv, f);
}

/* --- the finished inventory ------------------------------------------------------ */

static int
addr_cmp(const void *pa, const void *pb)
{
	const struct inv_addr *a = pa, *b = pb;

	if (a->family != b->family)
		return a->family == AF_INET ? -1 : 1;
	return memcmp(a->a, b->a, 16);
}

static int
target_cmp(const void *pa, const void *pb)
{
	const struct inv_target *a = pa, *b = pb;
	int c;

	if (a->priority != b->priority)
		return a->priority < b->priority ? -1 : 1;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->name != NULL && b->name != NULL && (c = strcasecmp(a->name, b->name)) != 0)
		return c;
	if (a->uri != NULL && b->uri != NULL) {
		size_t n = a->uri_len < b->uri_len ? a->uri_len : b->uri_len;
		if ((c = memcmp(a->uri, b->uri, n)) != 0)
			return c;
		if (a->uri_len != b->uri_len)
			return a->uri_len < b->uri_len ? -1 : 1;
	}
	return a->port < b->port ? -1 : a->port > b->port;
}

static int
rec_cmp(const void *pa, const void *pb)
{
	const struct txtrec *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->wire, b->wire, n);

	return c != 0 ? c : a->len < b->len ? -1 : a->len > b->len;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* Addresses of each target, through at most CNAME_HOPS CNAMEs. */
static void
svc_resolve(struct inventory *inv, struct svc *s)
{
	for (size_t i = 0; i < s->pub.ntargets; i++) {
		struct inv_target *t = &s->pub.targets[i];
		struct host *h;
		int hops = 0;

		if (t->name == NULL || (h = hmap_get(&inv->hosts, s->tkey[i])) == NULL)
			continue;
		t->host_findings = h->findings.n ? &h->findings : NULL;
		while (h != NULL && h->naddr == 0 && h->cname != NULL && hops++ < CNAME_HOPS) {
			t->via_cname = 1;
			t->canonical = h->cname;
			h = hmap_get(&inv->hosts, h->ckey);
		}
		if (h == NULL)
			continue;
		if (h->naddr > 1)
			qsort(h->addr, h->naddr, sizeof *h->addr, addr_cmp);
		t->addr = h->addr;
		t->naddr = h->naddr;
	}
	if (s->pub.ntargets > 1)
		qsort(s->pub.targets, s->pub.ntargets, sizeof *s->pub.targets, target_cmp);
}

/* TXT records in canonical order, flattened into their strings. */
static int
svc_txt(struct svc *s)
{
	size_t k = 0;

	if (s->nrec == 0)
		return 0;
	qsort(s->rec, s->nrec, sizeof *s->rec, rec_cmp);
	if ((s->pub.txt = calloc(s->ntxtstr ? s->ntxtstr : 1, sizeof *s->pub.txt)) == NULL)
		return -1;
	for (size_t i = 0; i < s->nrec; i++)
		for (size_t off = 0; off < s->rec[i].len && k < s->ntxtstr; k++) {
			size_t n = s->rec[i].wire[off];
			if (off + 1 + n > s->rec[i].len)
				n = s->rec[i].len - off - 1;
			s->pub.txt[k].s = s->rec[i].wire + off + 1;
			s->pub.txt[k].len = n;
			off += 1 + n;
		}
	s->pub.ntxt = k;
	return 0;
}

static int
type_cmp(const void *pa, const void *pb)
{
	const struct type *a = *(struct type *const *)pa, *b = *(struct type *const *)pb;

	return strcasecmp(a->pub.owner, b->pub.owner);
}

/* Each type's instances in type order, then the services of no type. */
static int
view_svc_cmp(const void *pa, const void *pb)
{
	const struct svc *a = *(struct svc *const *)pa, *b = *(struct svc *const *)pb;
	size_t ta = a->pub.type < 0 ? (size_t)-1 : (size_t)a->pub.type;
	size_t tb = b->pub.type < 0 ? (size_t)-1 : (size_t)b->pub.type;

	if (ta != tb)
		return ta < tb ? -1 : 1;
	return svc_cmp(a, b);
}

static int
view_types(struct inventory *inv)
{
	struct type **v = malloc((inv->types.n ? inv->types.n : 1) * sizeof *v);
	size_t n = 0;

	if (v == NULL || (inv->vtypes = calloc(inv->types.n ? inv->types.n : 1,
	    sizeof *inv->vtypes)) == NULL) {
		free(v);
		return -1;
	}
	for (size_t i = 0; i < inv->types.nb; i++)
		for (struct hent *e = inv->types.b[i]; e != NULL; e = e->next)
			v[n++] = e->val;
	qsort(v, n, sizeof *v, type_cmp);
	for (size_t i = 0; i < n; i++) {
		v[i]->index = i;
		if (v[i]->pub.nsubtypes > 1)
			qsort(v[i]->pub.subtypes, v[i]->pub.nsubtypes, sizeof(char *), str_cmp);
		findings_sort(&v[i]->pub.findings);
	}
	for (size_t i = 0; i < n; i++)
		inv->vtypes[i] = v[i]->pub;	/* first/count are set by view_services */
	inv->view.types = inv->vtypes;
	inv->view.ntypes = n;
	free(v);
	return 0;
}

static int
view_services(struct inventory *inv)
{
	size_t n = inv->nheap;
	struct svc **v = malloc((n ? n : 1) * sizeof *v);

	if (v == NULL || (inv->vsvcs = calloc(n ? n : 1, sizeof *inv->vsvcs)) == NULL) {
		free(v);
		return -1;
	}
	if (n > 0)
		memcpy(v, inv->heap, n * sizeof *v);
	for (size_t i = 0; i < n; i++) {
		struct type *t = v[i]->pub.instance != NULL ?
		    hmap_get(&inv->types, v[i]->type_key) : NULL;
		v[i]->pub.type = t != NULL ? (long)t->index : -1;
		svc_resolve(inv, v[i]);
		findings_sort(&v[i]->pub.findings);
		if (svc_txt(v[i]) != 0) {
			free(v);
			return -1;
		}
	}
	qsort(v, n, sizeof *v, view_svc_cmp);
	inv->view.first_other = n;
	for (size_t i = 0; i < n; i++) {
		long t = v[i]->pub.type;
		inv->vsvcs[i] = v[i]->pub;
		if (t >= 0 && inv->vtypes[t].count++ == 0)
			inv->vtypes[t].first = i;
		if (t < 0 && inv->view.first_other == n)
			inv->view.first_other = i;
	}
	inv->view.services = inv->vsvcs;
	inv->view.nservices = n;
	free(v);
	return 0;
}

int
inventory_finish(struct inventory *inv)
{
	struct inv_view *v = &inv->view;

	for (size_t i = 0; i < inv->hosts.nb; i++)
		for (struct hent *e = inv->hosts.b[i]; e != NULL; e = e->next)
			findings_sort(&((struct host *)e->val)->findings);
	findings_sort(&inv->findings);
	if (view_types(inv) != 0 || view_services(inv) != 0)
		inv->oom = 1;
	v->domain = inv->domain;
	v->file = inv->file;
	v->more_services = inv->refused.n;
	v->more_types = inv->types_refused.n;
	v->incomplete = inv->pool_full;
	v->findings = &inv->findings;
	v->table = inv->table;
	v->ntable = inv->ntable;
	v->more_findings = inv->more_findings;
	memcpy(v->count, inv->count, sizeof v->count);
	return inv->oom ? -1 : 0;
}

const struct inv_view *
inventory_view(const struct inventory *inv)
{
	return &inv->view;
}

int
inventory_incomplete(const struct inventory *inv)
{
	return inv->pool_full;
}

void
inventory_addresses_only(struct inventory *inv)
{
	pthread_mutex_lock(&inv->mu);
	inv->addresses_only = 1;
	inv->pool_full = 0;
	pthread_mutex_unlock(&inv->mu);
}

void
inventory_set_domain(struct inventory *inv, const ldns_rdf *apex)
{
	pthread_mutex_lock(&inv->mu);
	if (!inv->domain_set && apex != NULL) {
		inv->domain_set = 1;
		inv->domain = dname_str(ldns_rdf_data(apex), ldns_rdf_size(apex));
		if (inv->domain == NULL)
			inv->oom = 1;
	}
	pthread_mutex_unlock(&inv->mu);
}

struct inventory *
inventory_create(const char *file)
{
	struct inventory *inv = calloc(1, sizeof *inv);

	if (inv == NULL)
		return NULL;
	if (file != NULL && (inv->file = strdup(file)) == NULL) {
		free(inv);
		return NULL;
	}
	pthread_mutex_init(&inv->mu, NULL);
	return inv;
}

void
inventory_destroy(struct inventory *inv)
{
	if (inv == NULL)
		return;
	hmap_free(&inv->svcs, svc_free);
	hmap_free(&inv->types, type_free);
	hmap_free(&inv->subs, NULL);
	hmap_free(&inv->hosts, host_free);
	free(inv->heap);
	free(inv->refused.slot);
	free(inv->types_refused.slot);
	free(inv->pairs.slot);
	for (size_t i = 0; i < inv->nfiles; i++)
		free(inv->files[i]);
	free(inv->files);
	findings_free(&inv->findings);
	for (size_t i = 0; i < inv->ntable; i++) {
		free(inv->table[i].owner);
		free(inv->table[i].type);
		free(inv->table[i].file);
		free(inv->table[i].message);
	}
	free(inv->table);
	free(inv->vtypes);
	free(inv->vsvcs);
	free(inv->file);
	free(inv->domain);
	pthread_mutex_destroy(&inv->mu);
	free(inv);
}
