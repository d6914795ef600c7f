/*
 * registry.h -- the IANA Service Name and Transport Protocol Port Number
 * Registry: the built-in snapshot (compiled from data/ at build time) or a
 * file loaded at run time with --registry.
 */
#ifndef SRVLINT_REGISTRY_H
#define SRVLINT_REGISTRY_H

#include <stddef.h>

/* Transports, as a bit mask. */
#define TP_TCP	0x1u
#define TP_UDP	0x2u
#define TP_SCTP	0x4u
#define TP_DCCP	0x8u

/* reg_service.flags */
#define REG_ALIAS	0x1u	/* "alias to" / "duplicate of": primary is set */
#define REG_LEGACY	0x2u	/* breaks RFC 6335 5.1 syntax, primary is its replacement */
#define REG_RESERVED	0x4u	/* only Reserved / de-assigned in the registry */
#define REG_NO_SERVICE	0x8u	/* "Not a service type" (device-info, dns-sd) */

/* One service name as the registry knows it (all its records merged). */
struct reg_service {
	const char *name;	/* lowercase */
	const char *description;	/* of its first record; may be "" */
	const char *primary;	/* ALIAS/LEGACY: the name to use (lowercase), else NULL */
	const char *txt_keys;	/* the TXT keys its notes define, space-separated, or NULL */
	const char *note;	/* RESERVED: why ("de-assigned 2022-01-10"), else NULL */
	unsigned transports;	/* TP_* of its records; 0: a record names no transport (smb, mqtt) */
	unsigned flags;		/* REG_* */
};

/* One port assignment (one record with a number). */
struct reg_port {
	unsigned port;		/* the first port of the record's range */
	unsigned port_last;	/* the last port of the range (== port for one port) */
	unsigned transport;	/* one TP_* bit, or 0: the record names no transport
				   (boe-cms 6400, the Reserved range 225-241) */
	const char *name;	/* lowercase service name, or NULL (Reserved, unnamed) */
	const char *description;
};

struct registry;

/* The snapshot compiled into the binary; never NULL, never destroyed. */
const struct registry *registry_builtin(void);

/*
 * Loads an IANA registry file, the XML or the CSV that IANA publishes (told
 * apart by content).  On failure returns NULL and writes a one-line reason,
 * with the line number where one applies, to err.  The caller owns the
 * result and frees it with registry_destroy.
 */
struct registry *registry_load(const char *path, char *err, size_t errlen);
/* NULL and the built-in registry are no-ops. */
void registry_destroy(struct registry *reg);

/* The snapshot's <updated> date, "2026-08-17", or "" when unknown. */
const char *registry_date(const struct registry *reg);

/* Number of distinct service names, and the i-th (sorted by name). */
size_t registry_service_count(const struct registry *reg);
const struct reg_service *registry_service_at(const struct registry *reg, size_t i);

/*
 * Looks up a service name of len bytes (no underscore), case-insensitively.
 * The bytes may be anything (NUL included).  Returns NULL when absent.
 */
const struct reg_service *registry_lookup(const struct registry *reg,
    const char *name, size_t len);

/*
 * Calls fn for every port assignment of the service, in port order.
 * Returns how many there were.
 */
size_t registry_service_ports(const struct registry *reg,
    const struct reg_service *svc,
    void (*fn)(void *ud, const struct reg_port *p), void *ud);

/*
 * Calls fn for every assignment that covers port for a transport in
 * tp_mask (named and unnamed, e.g. Reserved; one without a transport
 * matches every mask), ranges by their first port, in port order.
 * Returns how many there were.
 */
size_t registry_port_lookup(const struct registry *reg, unsigned port,
    unsigned tp_mask, void (*fn)(void *ud, const struct reg_port *p), void *ud);

/* "tcp", "udp", "sctp", "dccp" for one TP_* bit; NULL otherwise. */
const char *transport_name(unsigned tp);
/* The TP_* bit of a protocol label (case-insensitive, no underscore), or 0. */
unsigned transport_parse(const char *s, size_t len);

#endif
