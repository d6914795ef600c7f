/*
 * probe.c -- `srvlint probe DOMAIN...`: live mode.
 *
 * For each domain: ask for its SOA (is it there at all?), then for the SRV
 * and URI names of data/probe-names.txt and --names, and walk DNS-SD
 * (_services._dns-sd._udp PTR, the b/db/lb browse domains, every advertised
 * type's PTR, every instance's SRV and TXT).  Every SRV target is asked for
 * A and AAAA.  The answer section's records, and the CNAMEs leading to them,
 * go to the shared checker (checker.h) exactly as zone mode feeds a zone;
 * a name that could not be learnt is reported as resolve-timeout or
 * resolve-failure and told to the checker as unknown, so that no cross-record
 * check guesses about it.
 *
 * One c-ares channel carries every query of the run; at most --concurrency
 * are in flight.  Domains are read one at a time, only when every query of
 * the domains open so far has been sent and there is room for more, so
 * memory depends on the concurrency, never on the number of domains.  A
 * domain's findings are kept until its last answer, sorted, and then
 * written together: domains appear in the order they finish.
 *
 * Every answer is parsed by ldns (a malformed one is a resolve-failure,
 * never a crash); c-ares already drops answers with a wrong ID, a wrong
 * question or from a wrong address, and retries over TCP when truncated.
 * Queries are built with ldns and sent with ares_send, so no search list
 * or ndots rule ever rewrites a name.  --timeout is c-ares' first try; it
 * doubles with each round over the servers, so one query may wait
 * timeout x (2^tries - 1) with one server.  --max-time bounds a domain
 * whatever that comes to: past its deadline its queued queries are dropped
 * and c-ares' queries are cancelled (the other domains' are sent again),
 * each reported as resolve-timeout.
 *
 * SRVLINT_PROBE_STATS in the environment: one line of counts and speed on
 * standard error at the end (for bench/probe-bench).
 */
#include "config.h"

#include <arpa/inet.h>
#include <ares.h>
#include <ctype.h>
#include <errno.h>
#include <ldns/ldns.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "checker.h"
#include "finding.h"
#include "inventory.h"
#include "modes.h"
#include "probe.h"
#include "report.h"

#define PROBE_EDNS_SIZE		1232	/* DNS flag day 2020 */
#define PROBE_DEFAULT_TIMEOUT	2000
#define PROBE_DEFAULT_TRIES	2
#define PROBE_DEFAULT_CONC	64
#define PROBE_MAX_CONC		4096
#define PROBE_PROGRESS_MS	200
#define PROBE_DEFAULT_MAX_TIME	20	/* seconds a domain may take */
#define MAX_TIME_MSG "no answer within the domain's --max-time of %d s"

/* Why a name is asked for: decides what its answer leads to. */
enum role {
	ROLE_APEX,	/* SOA at the domain: is it there at all? */
	ROLE_NAME,	/* a built-in or --names name: SRV, URI */
	ROLE_ENUM,	/* PTR at _services._dns-sd._udp.B */
	ROLE_BROWSE,	/* PTR at b, db, lb ._dns-sd._udp.D */
	ROLE_TYPE,	/* PTR at an advertised service type */
	ROLE_INSTANCE,	/* SRV, TXT at a browsed instance */
	ROLE_TARGET	/* A, AAAA at an SRV target */
};

/* A name relative to the domain, in wire format without the root label. */
struct prefix {
	uint8_t wire[LDNS_MAX_DOMAINLEN];
	size_t len;
	unsigned types;		/* PROBE_SRV | PROBE_URI */
};

struct domain;

struct query {
	struct query *next;	/* in the send queue */
	struct domain *dom;
	ldns_rdf *qname;	/* owned */
	ldns_rr_type qtype;
	enum role role;
	unsigned hops;		/* CNAMEs followed to reach qname */
};

/* A (name, type) already asked for this domain. */
struct asked {
	uint32_t hash;
	ldns_rr_type type;
	ldns_rdf *name;		/* owned */
};

/* A record already fed to the checker: an answer repeats what another held. */
struct fed {
	uint32_t hash;
	ldns_rr *rr;		/* owned */
};

struct probe;

struct domain {
	struct probe *pr;
	char *name;		/* as given: the findings' domain */
	ldns_rdf *apex;		/* absolute */
	struct checker *checker;
	struct inventory *inv;	/* --inventory, --html: fed by the checker */
	struct finding_list *findings;
	struct sink sink;
	size_t outstanding;	/* queries queued or in flight */
	struct asked *asked;
	size_t nasked, capasked;
	struct fed *fed;
	size_t nfed, capfed;
	unsigned ntypes, nbrowse;
	int partial;		/* a per-domain bound cut the walk short */
	struct domain *next_open;	/* the open domains, oldest first */
	struct timespec deadline;	/* opened + --max-time */
	size_t inflight;	/* of its queries, those c-ares holds */
	int expired;		/* past the deadline */
};

struct probe {
	const struct lint_ctx *ctx;
	struct report *r;
	ares_channel channel;
	int tries;

	struct pollfd *fds;	/* c-ares' sockets, from sock_state_cb */
	size_t nfds, capfds;
	struct pollfd *ready;	/* a copy of fds taken after poll */

	struct query *head, *tail;	/* built, not yet sent */
	size_t inflight, limit;

	/* open domains, in opening order: so also in deadline order */
	struct domain *open_head, *open_tail;
	int max_time;		/* --max-time, seconds */

	struct prefix *names;	/* built-in names, then --names */
	size_t nnames;

	/* the domains still to read */
	char **argv;
	int argc, argi;
	FILE *in;
	const char *in_name;
	unsigned long in_line;
	char *line;
	size_t linecap;
	int input_done;

	unsigned long ndomains, ndone;
	unsigned long nsent, nanswered;
	unsigned long ntimeouts;	/* tries that timed out, for the stats */
	int oom;

	int progress;		/* stderr is a terminal */
	int progress_shown;
	struct timespec last_progress, start;
};

static struct prefix dnssd_enum, dnssd_browse[3];

/* --- small helpers ------------------------------------------------------ */

static double
elapsed(const struct timespec *from, const struct timespec *to)
{
	return (double)(to->tv_sec - from->tv_sec) +
	    (double)(to->tv_nsec - from->tv_nsec) / 1e9;
}

/* FNV-1a, lower-cased: a filter before the exact comparison. */
static uint32_t
hash_bytes(uint32_t h, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (uint32_t)tolower(p[i]);
		h *= 16777619u;
	}
	return h;
}

static uint32_t
dname_hash(const ldns_rdf *name)
{
	return hash_bytes(2166136261u, ldns_rdf_data(name), ldns_rdf_size(name));
}

static uint32_t
rr_hash(const ldns_rr *rr)
{
	uint32_t h = dname_hash(ldns_rr_owner(rr));
	uint8_t t[2];
	size_t i;

	t[0] = (uint8_t)(ldns_rr_get_type(rr) >> 8);
	t[1] = (uint8_t)ldns_rr_get_type(rr);
	h = hash_bytes(h, t, 2);
	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const ldns_rdf *rd = ldns_rr_rdf(rr, i);

		h = hash_bytes(h, ldns_rdf_data(rd), ldns_rdf_size(rd));
	}
	return h;
}

/*
 * Parses a presentation name relative to the domain ("_imaps._tcp") into
 * pre; returns 0, or -1 when it is not a name or is absolute.
 */
static int
prefix_parse(struct prefix *pre, const char *s, unsigned types)
{
	ldns_rdf *rdf = NULL;
	size_t len = strlen(s);
	char *abs = NULL;
	int ret = -1;

	if (len == 0 || s[len - 1] == '.')
		goto out;
	if ((abs = malloc(len + 2)) == NULL)
		goto out;
	memcpy(abs, s, len);
	memcpy(abs + len, ".", 2);
	if (ldns_str2rdf_dname(&rdf, abs) != LDNS_STATUS_OK)
		goto out;
	/* An absolute wire name ends in the root label: drop it. */
	pre->len = ldns_rdf_size(rdf) - 1;
	memcpy(pre->wire, ldns_rdf_data(rdf), pre->len);
	pre->types = types;
	ret = 0;
out:
	ldns_rdf_deep_free(rdf);
	free(abs);
	return ret;
}

/* Returns prefix.apex, or NULL when that is longer than 255 bytes or OOM. */
static ldns_rdf *
prefix_join(const struct prefix *pre, const ldns_rdf *apex)
{
	uint8_t buf[LDNS_MAX_DOMAINLEN];
	size_t alen = ldns_rdf_size(apex);

	if (pre->len + alen > LDNS_MAX_DOMAINLEN)
		return NULL;
	memcpy(buf, pre->wire, pre->len);
	memcpy(buf + pre->len, ldns_rdf_data(apex), alen);
	return ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, pre->len + alen, buf);
}

/* Strips leading and trailing white space and a '#' comment in place. */
static char *
trim(char *s)
{
	char *e;

	if ((e = strchr(s, '#')) != NULL)
		*e = '\0';
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* --- findings ----------------------------------------------------------- */

/* The domain's sink: findings wait in its list until the domain is done. */
static void
domain_emit(void *ud, const struct finding *f)
{
	struct domain *d = ud;
	struct finding copy = *f;

	if (copy.domain == NULL)
		copy.domain = d->name;
	if (finding_list_add(d->findings, &copy) != 0)
		d->pr->oom = 1;
}

/* Reports that q->qname could not be learnt, and tells the checker so. */
static void
query_fail(struct query *q, enum check_id id, const char *fmt, ...)
{
	struct domain *d = q->dom;
	struct finding f;
	char msg[256];
	char *owner = ldns_rdf2str(q->qname);
	char *type = ldns_rr_type2str(q->qtype);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	finding_init(&f, id);
	f.message = msg;
	f.owner = owner;
	f.type = type;
	f.domain = d->name;
	sink_emit(&d->sink, &f);
	checker_name_unknown(d->checker, q->qname);
	free(owner);
	free(type);
}

static int
finding_cmp(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;
	int c;

	c = strcasecmp(x->owner ? x->owner : "", y->owner ? y->owner : "");
	if (c == 0)
		c = strcmp(x->type ? x->type : "", y->type ? y->type : "");
	if (c == 0)
		c = (int)x->check - (int)y->check;
	if (c == 0)
		c = strcmp(x->message ? x->message : "", y->message ? y->message : "");
	return c;
}

static void
progress_clear(struct probe *p)
{
	if (p->progress_shown) {
		fputs("\r\033[K", stderr);
		p->progress_shown = 0;
	}
}

static void
progress_show(struct probe *p, int force)
{
	struct timespec now;

	if (!p->progress || p->ndomains < 2)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!force && elapsed(&p->last_progress, &now) * 1000 < PROBE_PROGRESS_MS)
		return;
	p->last_progress = now;
	fprintf(stderr, "\r\033[Ksrvlint: probe: %lu/%lu domains done, %lu queries, %zu in flight",
	    p->ndone, p->ndomains, p->nsent, p->inflight);
	fflush(stderr);
	p->progress_shown = 1;
}

/* Writes the domain's findings, sorted, so that each run prints the same. */
static void
domain_flush(struct domain *d)
{
	struct probe *p = d->pr;
	size_t i, n = finding_list_count(d->findings);
	const struct finding **v;

	if (n == 0)
		return;
	if ((v = malloc(n * sizeof *v)) == NULL) {
		p->oom = 1;
		return;
	}
	for (i = 0; i < n; i++)
		v[i] = finding_list_get(d->findings, i);
	qsort(v, n, sizeof *v, finding_cmp);
	progress_clear(p);
	for (i = 0; i < n; i++)
		report_finding(p->r, v[i]);
	free(v);
}

/* --- domains ------------------------------------------------------------ */

static void
domain_destroy(struct domain *d)
{
	size_t i;

	if (d == NULL)
		return;
	checker_destroy(d->checker);
	inventory_destroy(d->inv);
	finding_list_destroy(d->findings);
	for (i = 0; i < d->nasked; i++)
		ldns_rdf_deep_free(d->asked[i].name);
	free(d->asked);
	for (i = 0; i < d->nfed; i++)
		ldns_rr_free(d->fed[i].rr);
	free(d->fed);
	ldns_rdf_deep_free(d->apex);
	free(d->name);
	free(d);
}

static void
domain_unlink(struct domain *d)
{
	struct probe *p = d->pr;
	struct domain **pp = &p->open_head, *prev = NULL;

	while (*pp != NULL && *pp != d)
		prev = *pp, pp = &(*pp)->next_open;
	if (*pp == NULL)
		return;
	*pp = d->next_open;
	if (p->open_tail == d)
		p->open_tail = prev;
}

/* One query of d is over; the last one runs the cross-record checks. */
static void
domain_release(struct domain *d)
{
	struct probe *p = d->pr;

	if (--d->outstanding > 0)
		return;
	checker_finish(d->checker);
	if (d->partial)
		report_error("probe %s: a per-domain bound (%d queries, %d service "
		    "types, %d instances a type) cut the walk short; what was not "
		    "asked is not checked", d->name, PROBE_MAX_QUERIES,
		    PROBE_MAX_TYPES, PROBE_MAX_INSTANCES);
	if (d->inv != NULL) {
		struct sink tap = { inventory_sink, d->inv };
		report_tap(p->r, &tap, p->ctx->opt->inventory);
	}
	domain_flush(d);
	if (d->inv != NULL) {
		report_tap(p->r, NULL, 0);
		if (inventory_finish(d->inv) != 0)
			p->oom = 1;
		progress_clear(p);
		report_inventory(p->r, inventory_view(d->inv));
	}
	domain_unlink(d);
	domain_destroy(d);
	p->ndone++;
}

/*
 * Makes room for one more element in *arr (n used of *cap, each size
 * bytes), doubling from 32.  Returns 0, or -1 when out of memory (*arr is
 * left as it was).
 */
static int
grow(void **arr, size_t *cap, size_t n, size_t size)
{
	size_t ncap;
	void *v;

	if (n < *cap)
		return 0;
	ncap = *cap ? 2 * *cap : 32;
	if ((v = realloc(*arr, ncap * size)) == NULL)
		return -1;
	*arr = v;
	*cap = ncap;
	return 0;
}

static void
queue_push(struct probe *p, struct query *q, int front)
{
	if (front) {
		q->next = p->head;
		p->head = q;
		if (p->tail == NULL)
			p->tail = q;
	} else {
		q->next = NULL;
		if (p->tail != NULL)
			p->tail->next = q;
		else
			p->head = q;
		p->tail = q;
	}
}

/*
 * Queues a query for (name, type) unless the domain asked it already.
 * Follow-ups go to the front, so that open domains finish first.
 * Returns 1 when queued, 0 when asked before, -1 when over the domain's
 * bound (or OOM): then the checker is told the name is unknown.
 */
static int
domain_ask(struct domain *d, const ldns_rdf *name, ldns_rr_type type,
    enum role role, unsigned hops, int front)
{
	struct probe *p = d->pr;
	uint32_t h = dname_hash(name);
	struct query *q = NULL;
	struct asked *a;
	size_t i;

	for (i = 0; i < d->nasked; i++) {
		a = &d->asked[i];
		if (a->hash == h && a->type == type &&
		    ldns_dname_compare(a->name, name) == 0)
			return 0;
	}
	if (d->nasked >= PROBE_MAX_QUERIES)
		goto unknown;
	if (grow((void **)&d->asked, &d->capasked, d->nasked, sizeof *d->asked) != 0)
		goto unknown;
	a = &d->asked[d->nasked];
	if ((q = calloc(1, sizeof *q)) == NULL ||
	    (q->qname = ldns_rdf_clone(name)) == NULL ||
	    (a->name = ldns_rdf_clone(name)) == NULL)
		goto unknown;
	a->hash = h;
	a->type = type;
	d->nasked++;
	q->dom = d;
	q->qtype = type;
	q->role = role;
	q->hops = hops;
	queue_push(p, q, front);
	d->outstanding++;
	return 1;
unknown:
	if (d->nasked < PROBE_MAX_QUERIES)
		p->oom = 1;	/* not the bound: memory ran out */
	else
		d->partial = 1;
	if (q != NULL)
		ldns_rdf_deep_free(q->qname);
	free(q);
	checker_name_unknown(d->checker, name);
	return -1;
}

/* Asks for prefix.D; a name that would be too long is skipped. */
static void
domain_ask_prefix(struct domain *d, const struct prefix *pre,
    const ldns_rdf *base, ldns_rr_type type, enum role role)
{
	ldns_rdf *name = prefix_join(pre, base);

	if (name == NULL)
		return;
	domain_ask(d, name, type, role, 0, 0);
	ldns_rdf_deep_free(name);
}

/* The SOA answered: ask for every name the domain likely publishes. */
static void
domain_discover(struct domain *d)
{
	struct probe *p = d->pr;
	size_t i;

	for (i = 0; i < p->nnames; i++) {
		if (p->names[i].types & PROBE_SRV)
			domain_ask_prefix(d, &p->names[i], d->apex, LDNS_RR_TYPE_SRV, ROLE_NAME);
		if (p->names[i].types & PROBE_URI)
			domain_ask_prefix(d, &p->names[i], d->apex, LDNS_RR_TYPE_URI, ROLE_NAME);
	}
	domain_ask_prefix(d, &dnssd_enum, d->apex, LDNS_RR_TYPE_PTR, ROLE_ENUM);
	for (i = 0; i < sizeof dnssd_browse / sizeof dnssd_browse[0]; i++)
		domain_ask_prefix(d, &dnssd_browse[i], d->apex, LDNS_RR_TYPE_PTR, ROLE_BROWSE);
}

/* --- answers ------------------------------------------------------------ */

/*
 * Feeds rr to the checker unless an earlier answer held it already (the
 * CNAME of a target comes with its A and its AAAA answer): a record is
 * checked once, as in a zone.  Returns 1 when fed, 0 when seen before.
 */
static int
domain_feed(struct domain *d, const ldns_rr *rr)
{
	const struct rr_pos pos = { NULL, 0, 0, d->name };
	uint32_t h = rr_hash(rr);
	size_t i;

	for (i = 0; i < d->nfed; i++) {
		if (d->fed[i].hash == h && ldns_rr_compare(d->fed[i].rr, rr) == 0)
			return 0;
	}
	if (grow((void **)&d->fed, &d->capfed, d->nfed, sizeof *d->fed) != 0)
		goto oom;
	if ((d->fed[d->nfed].rr = ldns_rr_clone(rr)) == NULL)
		goto oom;
	d->fed[d->nfed++].hash = h;
	checker_record(d->checker, rr, &pos);
	return 1;
oom:
	d->pr->oom = 1;
	checker_record(d->checker, rr, &pos);
	return 1;
}

/* What a fed record leads to: SRV targets, DNS-SD types and instances. */
static void
follow(struct query *q, const ldns_rr *rr, unsigned *ninstances)
{
	struct domain *d = q->dom;
	const ldns_rdf *t;

	switch (ldns_rr_get_type(rr)) {
	case LDNS_RR_TYPE_SRV:
		if (ldns_rr_rd_count(rr) < 4 ||
		    (t = ldns_rr_rdf(rr, 3)) == NULL ||
		    ldns_rdf_get_type(t) != LDNS_RDF_TYPE_DNAME ||
		    ldns_dname_label_count(t) == 0)	/* "." : no service */
			return;
		domain_ask(d, t, LDNS_RR_TYPE_A, ROLE_TARGET, 0, 1);
		domain_ask(d, t, LDNS_RR_TYPE_AAAA, ROLE_TARGET, 0, 1);
		return;
	case LDNS_RR_TYPE_PTR:
		if (ldns_rr_rd_count(rr) < 1 || (t = ldns_rr_rdf(rr, 0)) == NULL ||
		    ldns_rdf_get_type(t) != LDNS_RDF_TYPE_DNAME)
			return;
		break;
	default:
		return;
	}
	switch (q->role) {
	case ROLE_ENUM:
		if (d->ntypes >= PROBE_MAX_TYPES) {
			checker_name_unknown(d->checker, t);
			d->partial = 1;
		}
		else if (domain_ask(d, t, LDNS_RR_TYPE_PTR, ROLE_TYPE, 0, 1) == 1)
			d->ntypes++;
		return;
	case ROLE_BROWSE:
		if (ldns_dname_compare(t, d->apex) == 0)
			return;		/* browsed already */
		if (d->nbrowse < PROBE_MAX_BROWSE) {
			ldns_rdf *name = prefix_join(&dnssd_enum, t);

			if (name != NULL && domain_ask(d, name,
			    LDNS_RR_TYPE_PTR, ROLE_ENUM, 0, 1) == 1)
				d->nbrowse++;
			ldns_rdf_deep_free(name);
		}
		return;
	case ROLE_TYPE:
		if (++*ninstances > PROBE_MAX_INSTANCES) {
			checker_name_unknown(d->checker, t);
			d->partial = 1;
			return;
		}
		domain_ask(d, t, LDNS_RR_TYPE_SRV, ROLE_INSTANCE, 0, 1);
		domain_ask(d, t, LDNS_RR_TYPE_TXT, ROLE_INSTANCE, 0, 1);
		return;
	default:
		return;
	}
}

/*
 * Feeds the answer section to the checker: the records of the asked type
 * at the asked name, and the CNAMEs that lead from it to them.  Records for
 * any other name are ignored: a server does not get to tell us about names
 * we did not ask for.  A chain that ends in a CNAME whose target the answer
 * does not hold (an authoritative server stops at its zone's edge) is
 * followed with a query of its own.
 */
static void
answer_feed(struct query *q, const ldns_pkt *pkt)
{
	struct domain *d = q->dom;
	const ldns_rr_list *an = ldns_pkt_answer(pkt);
	const ldns_rdf *cur = q->qname, *next;
	unsigned hops = q->hops, ninstances = 0;
	size_t i, n = an ? ldns_rr_list_rr_count(an) : 0;
	int found = 0;

	for (;;) {
		next = NULL;
		for (i = 0; i < n; i++) {
			const ldns_rr *rr = ldns_rr_list_rr(an, i);
			ldns_rr_type t = ldns_rr_get_type(rr);

			if (ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN ||
			    ldns_dname_compare(ldns_rr_owner(rr), cur) != 0)
				continue;
			if (t == q->qtype) {
				if (domain_feed(d, rr))
					follow(q, rr, &ninstances);
				found = 1;
			} else if (t == LDNS_RR_TYPE_CNAME && next == NULL &&
			    ldns_rr_rd_count(rr) == 1 &&
			    ldns_rdf_get_type(ldns_rr_rdf(rr, 0)) == LDNS_RDF_TYPE_DNAME) {
				domain_feed(d, rr);
				next = ldns_rr_rdf(rr, 0);
			}
		}
		if (found || next == NULL)
			return;
		if (++hops > PROBE_MAX_CNAME_HOPS) {
			checker_name_unknown(d->checker, next);
			return;
		}
		/* Is the target in this answer too?  Else ask for it. */
		for (i = 0; i < n; i++) {
			if (ldns_dname_compare(ldns_rr_owner(ldns_rr_list_rr(an, i)), next) == 0)
				break;
		}
		if (i == n) {
			domain_ask(d, next, q->qtype, q->role, hops, 1);
			return;
		}
		cur = next;
	}
}

static const char *
rcode_name(ldns_pkt_rcode rc)
{
	static char buf[16];
	const ldns_lookup_table *lt = ldns_lookup_by_id(ldns_rcodes, (int)rc);

	if (lt != NULL)
		return lt->name;
	snprintf(buf, sizeof buf, "RCODE%u", (unsigned)rc);
	return buf;
}

/*
 * A referral (NOERROR, not authoritative, nothing in the answer, NS records
 * in the authority section) is no answer: the server is not authoritative
 * for the name and does not recurse.  Taking it for "no such record" would
 * make srv-target-no-address fire for every target in a delegated zone.
 */
static int
is_referral(const ldns_pkt *pkt)
{
	const ldns_rr_list *ns = ldns_pkt_authority(pkt);
	size_t i, nns = 0;

	if (ldns_pkt_aa(pkt) || ldns_pkt_ancount(pkt) != 0 || ns == NULL)
		return 0;
	for (i = 0; i < ldns_rr_list_rr_count(ns); i++) {
		ldns_rr_type t = ldns_rr_get_type(ldns_rr_list_rr(ns, i));

		if (t == LDNS_RR_TYPE_SOA)
			return 0;
		if (t == LDNS_RR_TYPE_NS)
			nns++;
	}
	return nns > 0;
}

static void
answer_parse(struct query *q, const unsigned char *abuf, int alen)
{
	ldns_pkt *pkt = NULL;
	ldns_status s;
	ldns_pkt_rcode rc;

	s = ldns_wire2pkt(&pkt, abuf, (size_t)alen);
	if (s != LDNS_STATUS_OK) {
		query_fail(q, CHECK_RESOLVE_FAILURE, "malformed answer: %s",
		    ldns_get_errorstr_by_id(s));
		return;
	}
	rc = ldns_pkt_get_rcode(pkt);
	if (!ldns_pkt_qr(pkt))
		query_fail(q, CHECK_RESOLVE_FAILURE, "malformed answer: not a response (QR bit clear)");
	else if (ldns_pkt_tc(pkt))
		query_fail(q, CHECK_RESOLVE_FAILURE, "truncated answer, also over TCP");
	else if (rc == LDNS_RCODE_NXDOMAIN && q->role == ROLE_APEX)
		query_fail(q, CHECK_RESOLVE_FAILURE, "the domain does not exist (NXDOMAIN)");
	else if (rc != LDNS_RCODE_NOERROR && rc != LDNS_RCODE_NXDOMAIN)
		query_fail(q, CHECK_RESOLVE_FAILURE, "the server answered %s", rcode_name(rc));
	else if (rc == LDNS_RCODE_NOERROR && is_referral(pkt))
		query_fail(q, CHECK_RESOLVE_FAILURE,
		    "a referral, not an answer: the server is not authoritative for the name and does not recurse");
	else if (q->role == ROLE_APEX)
		domain_discover(q->dom);
	else
		answer_feed(q, pkt);	/* NXDOMAIN, NODATA: silence */
	ldns_pkt_free(pkt);
}

static void
query_free(struct query *q)
{
	if (q == NULL)
		return;
	ldns_rdf_deep_free(q->qname);
	free(q);
}

/* c-ares' callback: called once for every ares_send, also on errors. */
static void
on_answer(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct query *q = arg;
	struct domain *d = q->dom;
	struct probe *p = d->pr;

	p->inflight--;
	d->inflight--;
	p->ntimeouts += (unsigned long)(timeouts > 0 ? timeouts : 0);
	if (status == ARES_ECANCELLED && !d->expired) {
		/* cancelled for another domain's deadline: ask again */
		queue_push(p, q, 1);
		return;
	}
	switch (status) {
	case ARES_SUCCESS:
		p->nanswered++;
		answer_parse(q, abuf, alen);
		break;
	case ARES_ETIMEOUT:
		query_fail(q, CHECK_RESOLVE_TIMEOUT, "no answer after %d %s",
		    p->tries, p->tries == 1 ? "try" : "tries");
		break;
	case ARES_ECANCELLED:
		query_fail(q, CHECK_RESOLVE_TIMEOUT, MAX_TIME_MSG, p->max_time);
		break;
	case ARES_ECONNREFUSED:
		/* c-ares' word for every server failing: refused, reset */
		query_fail(q, CHECK_RESOLVE_FAILURE,
		    "no usable answer: the connection was refused or closed");
		break;
	default:
		query_fail(q, CHECK_RESOLVE_FAILURE, "%s", ares_strerror(status));
		break;
	}
	query_free(q);
	domain_release(d);
}

static void
query_send(struct probe *p, struct query *q)
{
	ldns_pkt *pkt = NULL;
	ldns_rdf *name = ldns_rdf_clone(q->qname);
	uint8_t *wire = NULL;
	size_t len = 0;

	if (name != NULL)
		pkt = ldns_pkt_query_new(name, q->qtype, LDNS_RR_CLASS_IN, LDNS_RD);
	else
		p->oom = 1;
	if (pkt != NULL) {
		ldns_pkt_set_edns_udp_size(pkt, PROBE_EDNS_SIZE);
		if (ldns_pkt2wire(&wire, pkt, &len) != LDNS_STATUS_OK)
			wire = NULL;
	}
	p->inflight++;
	q->dom->inflight++;
	p->nsent++;
	if (wire == NULL) {
		/* as c-ares would report it, so the domain ends the same way */
		on_answer(q, ARES_ENOMEM, 0, NULL, 0);
	} else {
		ares_send(p->channel, wire, (int)len, on_answer, q);
	}
	free(wire);
	ldns_pkt_free(pkt);
}

/* --- input -------------------------------------------------------------- */

/* Returns the next domain as given, or NULL at the end of the input. */
static const char *
input_next(struct probe *p, const char **file, unsigned long *line)
{
	char *s;

	*file = NULL;
	*line = 0;
	if (p->argi < p->argc)
		return p->argv[p->argi++];
	while (p->in != NULL) {
		if (getline(&p->line, &p->linecap, p->in) < 0) {
			if (ferror(p->in))
				report_error("%s: %s", p->in_name, strerror(errno));
			if (p->in != stdin)
				fclose(p->in);
			p->in = NULL;
			break;
		}
		p->in_line++;
		s = trim(p->line);
		if (*s == '\0')
			continue;
		*file = p->in_name;
		*line = p->in_line;
		return s;
	}
	return NULL;
}

/* Opens the next domain and queues its SOA.  Returns 0 at the end. */
static int
domain_open_next(struct probe *p)
{
	const char *s, *file;
	unsigned long line;
	struct domain *d;
	size_t len;

	while ((s = input_next(p, &file, &line)) != NULL) {
		ldns_rdf *apex = NULL;
		char *abs;

		len = strlen(s);
		if (len == 0) {
			report_error("probe: an empty domain name");
			continue;
		}
		if ((abs = malloc(len + 2)) == NULL) {
			p->oom = 1;
			return 0;
		}
		memcpy(abs, s, len + 1);
		if (s[len - 1] != '.')
			memcpy(abs + len, ".", 2);
		if (ldns_str2rdf_dname(&apex, abs) != LDNS_STATUS_OK) {
			if (file != NULL)
				report_error("%s:%lu: not a domain name: %s", file, line, s);
			else
				report_error("probe: not a domain name: %s", s);
			free(abs);
			continue;
		}
		free(abs);
		if ((d = calloc(1, sizeof *d)) == NULL ||
		    (d->name = strdup(s)) == NULL ||
		    (d->findings = finding_list_create()) == NULL) {
			ldns_rdf_deep_free(apex);
			goto oom;
		}
		d->pr = p;
		d->apex = apex;
		d->sink.emit = domain_emit;
		d->sink.ud = d;
		if ((d->checker = checker_create(p->ctx, &d->sink, NULL)) == NULL)
			goto oom;
		if (p->ctx->opt->inventory || p->ctx->opt->html_file != NULL) {
			if ((d->inv = inventory_create(NULL)) == NULL)
				goto oom;
			inventory_set_domain(d->inv, d->apex);
			checker_set_inventory(d->checker, d->inv);
		}
		clock_gettime(CLOCK_MONOTONIC, &d->deadline);
		d->deadline.tv_sec += p->max_time;
		if (p->open_tail != NULL)
			p->open_tail->next_open = d;
		else
			p->open_head = d;
		p->open_tail = d;
		p->ndomains++;
		d->outstanding = 1;	/* held until the SOA is queued */
		domain_ask(d, d->apex, LDNS_RR_TYPE_SOA, ROLE_APEX, 0, 0);
		domain_release(d);
		return 1;
	oom:
		p->oom = 1;
		domain_destroy(d);
		return 0;
	}
	return 0;
}

/* --- options ------------------------------------------------------------ */

/* Parses --server ADDR[:PORT] (IPv4, IPv6, [IPv6]:PORT).  Returns 0 or -1. */
static int
server_parse(const char *s, struct ares_addr_port_node *n)
{
	char host[INET6_ADDRSTRLEN + 1];
	const char *port = NULL, *colon = strchr(s, ':');
	size_t len;

	memset(n, 0, sizeof *n);
	if (s[0] == '[') {
		const char *end = strchr(s, ']');

		if (end == NULL)
			return -1;
		len = (size_t)(end - s - 1);
		if (end[1] == ':')
			port = end + 2;
		else if (end[1] != '\0')
			return -1;
		s++;
	} else if (colon != NULL && strchr(colon + 1, ':') == NULL) {
		len = (size_t)(colon - s);	/* one colon: IPv4:PORT */
		port = colon + 1;
	} else {
		len = strlen(s);		/* IPv4, or bare IPv6 */
	}
	if (len == 0 || len >= sizeof host)
		return -1;
	memcpy(host, s, len);
	host[len] = '\0';
	if (inet_pton(AF_INET, host, &n->addr.addr4) == 1)
		n->family = AF_INET;
	else if (inet_pton(AF_INET6, host, &n->addr.addr6) == 1)
		n->family = AF_INET6;
	else
		return -1;
	if (port != NULL) {
		char *end;
		unsigned long v;

		if (!isdigit((unsigned char)*port))
			return -1;
		errno = 0;
		v = strtoul(port, &end, 10);
		if (errno != 0 || *end != '\0' || v == 0 || v > 65535)
			return -1;
		n->udp_port = n->tcp_port = (int)v;
	}
	return 0;
}

/* Hands --server to c-ares.  Returns 0, or -1 after an error message. */
static int
servers_set(struct probe *p, const struct options *opt)
{
	struct ares_addr_port_node *v;
	size_t i;
	int ret = -1, st;

	if (opt->nservers == 0)
		return 0;	/* the system resolver, from /etc/resolv.conf */
	if ((v = calloc(opt->nservers, sizeof *v)) == NULL) {
		report_error("probe: out of memory");
		return -1;
	}
	for (i = 0; i < opt->nservers; i++) {
		if (server_parse(opt->servers[i], &v[i]) != 0) {
			report_error("--server %s: not ADDR, ADDR:PORT or [IPv6]:PORT", opt->servers[i]);
			goto out;
		}
		v[i].next = i + 1 < opt->nservers ? &v[i + 1] : NULL;
	}
	if ((st = ares_set_servers_ports(p->channel, v)) != ARES_SUCCESS) {
		report_error("--server: %s", ares_strerror(st));
		goto out;
	}
	ret = 0;
out:
	free(v);
	return ret;
}

/*
 * Reads --names: one name relative to the domain a line, then optionally
 * the types (SRV, URI).  A bad line is reported with file:line and skipped.
 * Returns 0, or -1 when the file cannot be read.
 */
static int
names_read(struct probe *p, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *buf = NULL, *s, *tok, *save;
	size_t cap = 0;
	unsigned long line = 0;
	int ret = -1;

	if (f == NULL) {
		report_error("%s: %s", path, strerror(errno));
		return -1;
	}
	while (getline(&buf, &cap, f) >= 0) {
		struct prefix pre;
		unsigned types = 0;
		const char *name;

		line++;
		s = trim(buf);
		if (*s == '\0')
			continue;
		name = strtok_r(s, " \t", &save);
		while ((tok = strtok_r(NULL, " \t", &save)) != NULL) {
			if (strcasecmp(tok, "SRV") == 0)
				types |= PROBE_SRV;
			else if (strcasecmp(tok, "URI") == 0)
				types |= PROBE_URI;
			else
				break;
		}
		if (tok != NULL) {
			report_error("%s:%lu: unknown type \"%s\" (SRV or URI)", path, line, tok);
			continue;
		}
		if (prefix_parse(&pre, name, types ? types : PROBE_SRV) != 0) {
			report_error("%s:%lu: not a name relative to the domain: %s", path, line, name);
			continue;
		}
		if (p->nnames % 64 == 0) {
			struct prefix *v = realloc(p->names, (p->nnames + 64) * sizeof *v);

			if (v == NULL) {
				report_error("%s: out of memory", path);
				goto out;
			}
			p->names = v;
		}
		p->names[p->nnames++] = pre;
	}
	if (ferror(f)) {
		report_error("%s: %s", path, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	free(buf);
	if (f != stdin)
		fclose(f);
	return ret;
}

/* The built-in names and the DNS-SD names; 0, or -1 when out of memory. */
static int
names_init(struct probe *p)
{
	static const char *const browse[] = {
		"b._dns-sd._udp", "db._dns-sd._udp", "lb._dns-sd._udp"
	};
	size_t i, cap = (probe_names_count + 63) / 64 * 64;

	if (prefix_parse(&dnssd_enum, "_services._dns-sd._udp", 0) != 0)
		return -1;
	for (i = 0; i < 3; i++) {
		if (prefix_parse(&dnssd_browse[i], browse[i], 0) != 0)
			return -1;
	}
	if (cap != 0 && (p->names = malloc(cap * sizeof *p->names)) == NULL)
		return -1;
	for (i = 0; i < probe_names_count; i++) {
		if (prefix_parse(&p->names[p->nnames], probe_names[i].name,
		    probe_names[i].types) == 0)
			p->nnames++;
	}
	return 0;
}

/* --- the event loop ----------------------------------------------------- */

/* c-ares opens, closes or changes interest in a socket. */
static void
on_sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct probe *p = data;
	size_t i;

	for (i = 0; i < p->nfds && p->fds[i].fd != fd; i++)
		;
	if (!readable && !writable) {
		if (i < p->nfds)
			p->fds[i] = p->fds[--p->nfds];
		return;
	}
	if (i == p->nfds) {
		if (p->nfds == p->capfds) {
			size_t cap = p->capfds ? 2 * p->capfds : 8;
			struct pollfd *v = realloc(p->fds, cap * sizeof *v);
			struct pollfd *w = realloc(p->ready, cap * sizeof *w);

			if (w != NULL)
				p->ready = w;
			if (v == NULL || w == NULL) {
				if (v != NULL)
					p->fds = v;
				p->oom = 1;
				return;
			}
			p->fds = v;
			p->capfds = cap;
		}
		p->nfds++;
	}
	p->fds[i].fd = fd;
	p->fds[i].events = (short)((readable ? POLLIN : 0) | (writable ? POLLOUT : 0));
	p->fds[i].revents = 0;
}

/* Sends what is queued while there is room; opens domains when idle. */
static void
pump(struct probe *p)
{
	for (;;) {
		while (p->head != NULL && p->inflight < p->limit) {
			struct query *q = p->head;

			if ((p->head = q->next) == NULL)
				p->tail = NULL;
			query_send(p, q);
		}
		if (p->head != NULL || p->inflight >= p->limit || p->input_done)
			return;
		if (!domain_open_next(p))
			p->input_done = 1;
	}
}

/*
 * Ends the domains past their --max-time: their queries not yet sent are
 * dropped, and when c-ares holds some of theirs, every query c-ares holds
 * is cancelled (c-ares cannot cancel one): on_answer reports the expired
 * domains' and queues the others' again.  Each is a resolve-timeout.
 */
static void
expire(struct probe *p)
{
	struct query **qp = &p->head, *q;
	struct timespec now;
	struct domain *d;
	int cancel = 0, any = 0;

	clock_gettime(CLOCK_MONOTONIC, &now);
	for (d = p->open_head; d != NULL && elapsed(&d->deadline, &now) >= 0; d = d->next_open) {
		if (!d->expired) {
			d->expired = any = 1;
			cancel |= d->inflight > 0;
		}
	}
	if (!any)
		return;
	p->tail = NULL;
	while ((q = *qp) != NULL) {
		if (!q->dom->expired) {
			p->tail = q;
			qp = &q->next;
			continue;
		}
		*qp = q->next;
		d = q->dom;
		query_fail(q, CHECK_RESOLVE_TIMEOUT, MAX_TIME_MSG, p->max_time);
		query_free(q);
		domain_release(d);
	}
	if (cancel)
		ares_cancel(p->channel);
}

/* Milliseconds (rounded up) until the oldest open domain's deadline. */
static int
ms_to_deadline(const struct probe *p, int ms)
{
	struct timespec now;
	double left;

	if (p->open_head == NULL)
		return ms;
	clock_gettime(CLOCK_MONOTONIC, &now);
	left = elapsed(&now, &p->open_head->deadline) * 1000;
	if (left <= 0)
		return 0;
	return left + 1 < ms ? (int)left + 1 : ms;
}

/* Waits for a socket or c-ares' next timeout and lets c-ares handle it. */
static int
wait_once(struct probe *p)
{
	struct timeval max = { 0, PROBE_PROGRESS_MS * 1000 }, tv, *tvp;
	size_t i, n = 0;
	int ms, rc;

	tvp = ares_timeout(p->channel, &max, &tv);
	ms = (int)(tvp->tv_sec * 1000 + (tvp->tv_usec + 999) / 1000);
	ms = ms_to_deadline(p, ms);
	rc = poll(p->fds, (nfds_t)p->nfds, ms);
	if (rc < 0) {
		if (errno == EINTR)
			return 0;
		report_error("probe: poll: %s", strerror(errno));
		return -1;
	}
	/* c-ares may close and open sockets while it works: use a copy. */
	for (i = 0; i < p->nfds; i++) {
		if (p->fds[i].revents != 0)
			p->ready[n++] = p->fds[i];
	}
	for (i = 0; i < n; i++) {
		short ev = p->ready[i].revents;

		ares_process_fd(p->channel,
		    ev & (POLLIN | POLLERR | POLLHUP) ? p->ready[i].fd : ARES_SOCKET_BAD,
		    ev & (POLLOUT | POLLERR) ? p->ready[i].fd : ARES_SOCKET_BAD);
	}
	if (n == 0)
		ares_process_fd(p->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	return 0;
}

static int
channel_init(struct probe *p, const struct options *opt)
{
	struct ares_options o;
	int st;

	memset(&o, 0, sizeof o);
	/*
	 * No search list, no ndots: every name is asked exactly as built.
	 * NOCHECKRESP: SERVFAIL and REFUSED come back as answers, so that the
	 * finding names the rcode (c-ares would say "could not contact DNS
	 * servers"); c-ares still drops answers with a wrong ID or question.
	 */
	o.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES | ARES_FLAG_EDNS |
	    ARES_FLAG_NOCHECKRESP;
	o.timeout = opt->timeout_ms > 0 ? opt->timeout_ms : PROBE_DEFAULT_TIMEOUT;
	o.tries = p->tries;
	o.ednspsz = PROBE_EDNS_SIZE;
	o.sock_state_cb = on_sock_state;
	o.sock_state_cb_data = p;
	st = ares_init_options(&p->channel, &o, ARES_OPT_FLAGS |
	    ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_EDNSPSZ |
	    ARES_OPT_SOCK_STATE_CB);
	if (st != ARES_SUCCESS) {
		report_error("probe: cannot start the resolver: %s", ares_strerror(st));
		p->channel = NULL;
		return -1;
	}
	return servers_set(p, opt);
}

static void
stats_print(const struct probe *p)
{
	struct timespec now;
	double s;

	clock_gettime(CLOCK_MONOTONIC, &now);
	s = elapsed(&p->start, &now);
	fprintf(stderr, "srvlint: probe: %lu domains, %lu queries, %lu answered, %lu tries timed out, %.3f s, %.0f queries/s\n",
	    p->ndomains, p->nsent, p->nanswered, p->ntimeouts, s,
	    s > 0 ? (double)p->nsent / s : 0.0);
}

int
probe_main(const struct lint_ctx *ctx, struct report *r, int argc, char **argv)
{
	const struct options *opt = ctx->opt;
	struct probe p;
	int ret = 2, rc, conc, lib = 0;

	memset(&p, 0, sizeof p);
	p.ctx = ctx;
	p.r = r;
	p.argv = argv;
	p.argc = argc;
	p.tries = opt->tries > 0 ? opt->tries : PROBE_DEFAULT_TRIES;
	p.max_time = opt->max_time_s > 0 ? opt->max_time_s : PROBE_DEFAULT_MAX_TIME;
	conc = opt->concurrency > 0 ? opt->concurrency : PROBE_DEFAULT_CONC;
	p.limit = (size_t)(conc < PROBE_MAX_CONC ? conc : PROBE_MAX_CONC);
	p.progress = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &p.start);

	if (argc == 0 && opt->domains_file == NULL) {
		report_error("probe: no domain given (DOMAIN... or -f FILE)");
		return 2;
	}
	if (names_init(&p) != 0) {
		report_error("probe: out of memory");
		goto out;
	}
	if (opt->names_file != NULL && names_read(&p, opt->names_file) != 0)
		goto out;
	if (opt->domains_file != NULL) {
		p.in_name = opt->domains_file;
		if (strcmp(opt->domains_file, "-") == 0)
			p.in = stdin;
		else if ((p.in = fopen(opt->domains_file, "r")) == NULL) {
			report_error("%s: %s", opt->domains_file, strerror(errno));
			goto out;
		}
	}
	if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) {
		report_error("probe: cannot start c-ares");
		goto out;
	}
	lib = 1;
	if (channel_init(&p, opt) != 0)
		goto out;

	for (;;) {
		pump(&p);
		if (p.head == NULL && p.inflight == 0)
			break;
		if (wait_once(&p) != 0)
			goto out;
		expire(&p);
		progress_show(&p, 0);
	}
	progress_clear(&p);
	if (getenv("SRVLINT_PROBE_STATS") != NULL)
		stats_print(&p);

	/* Said before the log closes, so SARIF's invocation carries it. */
	if (p.oom)
		report_error("probe: out of memory; some names were not checked");
	else if (p.nsent > 0 && p.nanswered == 0)
		report_error("probe: no answer from any server");
	if (p.oom || (p.nsent > 0 && p.nanswered == 0))
		report_run_failed(r);
	rc = report_finish(r, p.ndomains, "domain");
	if (!p.oom && !(p.nsent > 0 && p.nanswered == 0))
		ret = rc;
out:
	progress_clear(&p);
	if (p.channel != NULL)
		ares_destroy(p.channel);
	if (lib)
		ares_library_cleanup();
	if (p.in != NULL && p.in != stdin)
		fclose(p.in);
	free(p.line);
	free(p.names);
	free(p.fds);
	free(p.ready);
	return ret;
}
