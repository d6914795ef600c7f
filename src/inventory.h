/*
 * inventory.h -- what a zone or a domain advertises: every SRV and URI
 * owner and every DNS-SD instance with its targets, ports, priorities,
 * weights, the targets' addresses (through CNAMEs), the instances' TXT
 * strings, the announced service types and subtypes, and the findings
 * about each of them (`--inventory`, `--html`).
 *
 * The inventory is fed the very records the checker reads (checker.c calls
 * inventory_record from checker_record when one is attached), so `check` of
 * a zone file and `probe` of the domain serving it give the same
 * inventory.  It keeps what it shows, never the records: per service its
 * owner, targets and TXT strings; per target host its addresses.  Address
 * and CNAME records of a name that no SRV has pointed at yet wait in a
 * pool of at most INVENTORY_POOL_MAX names; past it they are dropped and
 * inventory_incomplete() says so (zone mode then reads the file a second
 * time for the addresses of the targets only).  At most
 * INVENTORY_SERVICES_MAX services are kept per zone or domain, the first
 * ones in name order, whatever order the records come in; the others are
 * counted ("N more").
 *
 * inventory_record and inventory_finding may be called from several
 * threads at once (the -j workers, the report); the rest from one.
 */
#ifndef SRVLINT_INVENTORY_H
#define SRVLINT_INVENTORY_H

#include <ldns/ldns.h>
#include <stddef.h>
#include <stdint.h>

#include "checker.h"
#include "finding.h"

#define INVENTORY_SERVICES_MAX	10000	/* services kept per zone or domain */
#define INVENTORY_TYPES_MAX	1000	/* DNS-SD service types kept */
#define INVENTORY_POOL_MAX	16384	/* not-yet-wanted names with addresses kept */
#define INVENTORY_FINDINGS_MAX	5000	/* findings kept for the page's table */
#define INVENTORY_TARGETS_MAX	64	/* targets of one owner */
#define INVENTORY_ADDRS_MAX	64	/* addresses of one host */
#define INVENTORY_TXT_MAX	128	/* TXT strings of one instance */
#define INVENTORY_SUBTYPES_MAX	64	/* subtypes of one type */

struct inventory;

/* The check ids of the findings about one node, in arrival order. */
struct inv_findings {
	uint8_t *check;		/* enum check_id */
	uint8_t *sev;		/* enum severity, after --severity */
	size_t n, cap;
	enum severity worst;	/* SEV_OFF: none */
};

struct inv_addr {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t a[16];
};

/* One SRV target (name) or URI (uri). */
struct inv_target {
	char *name;		/* SRV: presentation name; URI: NULL */
	uint8_t *uri;		/* URI: its bytes (uri_len), any values */
	size_t uri_len;
	unsigned port, priority, weight;
	int via_cname;		/* the addresses are those of a CNAME's target */
	const char *canonical;	/* via_cname: the end of the chain */
	const struct inv_addr *addr;	/* sorted: IPv4 first */
	size_t naddr;
	const struct inv_findings *host_findings;	/* about the target host, or NULL */
};

/* One TXT string (one character-string of a TXT record). */
struct inv_txt {
	uint8_t *s;
	size_t len;
};

struct inv_service {
	char *owner;		/* presentation, absolute */
	char *service, *proto;	/* without "_", or NULL */
	uint8_t *instance;	/* DNS-SD instance label, raw bytes, or NULL */
	size_t instance_len;
	const char *rrtype;	/* "SRV" or "URI" */
	const char *file;	/* check: where its first record is; probe: NULL */
	unsigned long line;
	struct inv_target *targets;	/* sorted by priority, weight, name, port */
	size_t ntargets;
	struct inv_txt *txt;	/* TXT records in canonical order, strings in order */
	size_t ntxt;
	struct inv_findings findings;
	long type;		/* index into view.types, or -1 */
};

struct inv_type {
	char *owner;		/* _ipp._tcp.example.com. */
	char *service, *proto;
	char **subtypes;	/* "_color", sorted */
	size_t nsubtypes;
	unsigned long instances;	/* distinct instances browse/subtype PTRs announce */
	struct inv_findings findings;
	size_t first, count;	/* its instances: view.services[first .. first+count) */
};

/* A finding kept for the page's table. */
struct inv_finding {
	enum check_id check;
	enum severity severity;
	char *owner, *type, *file, *message;
	unsigned long line;
};

/* What inventory_view returns: read-only, owned by the inventory. */
struct inv_view {
	const char *domain;	/* apex or probed domain, absolute, or NULL */
	const char *file;	/* check: the zone file as given; probe: NULL */
	const struct inv_type *types;	/* sorted by owner */
	size_t ntypes;
	const struct inv_service *services;	/* each type's instances, then the rest, by owner */
	size_t nservices;
	size_t first_other;	/* services[first_other..] belong to no announced type */
	unsigned long more_services, more_types;	/* past the bounds */
	int incomplete;		/* addresses of some targets were not kept (standard input) */
	const struct inv_findings *findings;	/* about no node of the inventory */
	const struct inv_finding *table;	/* every finding, in arrival order */
	size_t ntable;
	unsigned long more_findings;
	unsigned long count[SEV_ERROR + 1];	/* findings by severity */
};

/* A new empty inventory; NULL when out of memory.  file is copied. */
struct inventory *inventory_create(const char *file);
/* NULL is a no-op. */
void inventory_destroy(struct inventory *inv);

/* The zone's apex or the probed domain (the first call wins; NULL: none). */
void inventory_set_domain(struct inventory *inv, const ldns_rdf *apex);

/* Takes what one record adds: SRV, URI, TXT, PTR, A, AAAA, CNAME. */
void inventory_record(struct inventory *inv, const ldns_rr *rr, const struct rr_pos *pos);

/* inventory_record for a consumer's void * (zone.h). */
void inventory_record_cb(void *inv, const ldns_rr *rr, const struct rr_pos *pos);

/*
 * Address-only mode, for a second read of the zone: from now on only the
 * A, AAAA and CNAME records of names that a kept SRV record wants count.
 */
void inventory_addresses_only(struct inventory *inv);

/* Attaches a finding, after --severity, to the node it is about. */
void inventory_finding(struct inventory *inv, const struct finding *f);
/* inventory_finding as a sink (ud = the inventory). */
void inventory_sink(void *inv, const struct finding *f);

/* Nonzero when address records were dropped past INVENTORY_POOL_MAX. */
int inventory_incomplete(const struct inventory *inv);

/*
 * Resolves targets to addresses, sorts, groups instances under their
 * types; call once, after the last record.  Returns 0, or -1 when out of
 * memory (an allocation failed at any time: the inventory is unreliable).
 */
int inventory_finish(struct inventory *inv);

/* The finished inventory; valid until inventory_destroy. */
const struct inv_view *inventory_view(const struct inventory *inv);

#endif
