/*
 * probe.h -- `srvlint probe` (probe_main in modes.h): asks live DNS, with
 * c-ares, for the service names a domain likely publishes and for what
 * DNS-SD advertises, and feeds every answer to the checker.
 */
#ifndef SRVLINT_PROBE_H
#define SRVLINT_PROBE_H

#include <stddef.h>

/* The RR types asked for at a built-in name. */
#define PROBE_SRV 1u
#define PROBE_URI 2u

/* A name every domain is asked for, relative to it ("_imaps._tcp"). */
struct probe_name {
	const char *name;
	unsigned types;		/* PROBE_SRV | PROBE_URI */
};

/* data/probe-names.txt, compiled in (src/probenames_data.c). */
extern const struct probe_name probe_names[];
extern const size_t probe_names_count;

/*
 * Bounds, per domain, so that no answer can make the probe grow or loop:
 * queries asked, service types followed from _services._dns-sd._udp,
 * instances followed per type, browse domains followed, CNAME hops followed.
 */
#define PROBE_MAX_QUERIES	1024
#define PROBE_MAX_TYPES		64
#define PROBE_MAX_INSTANCES	64
#define PROBE_MAX_BROWSE	8
#define PROBE_MAX_CNAME_HOPS	8

#endif
