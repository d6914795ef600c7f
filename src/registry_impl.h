/*
 * registry_impl.h -- the layout of struct registry, shared by registry.c
 * (lookups, run-time loading) and the generated src/registry_data.c (the
 * built-in snapshot as const tables).  Nothing else may include it.
 */
#ifndef SRVLINT_REGISTRY_IMPL_H
#define SRVLINT_REGISTRY_IMPL_H

#include <stddef.h>

#include "registry.h"

/* Longest service name a registry file may hold (RFC 6335 says 15). */
#define REG_NAME_MAX 63

/*
 * A registry: every array is const data for the built-in snapshot and
 * heap memory owned by the struct for a loaded file (heap != NULL).
 */
struct registry {
	const char *date;			/* <updated>, or "" */
	const struct reg_service *svc;		/* sorted by name (bytewise) */
	size_t nsvc;
	const struct reg_port *port;		/* sorted by port, port_last, transport, name */
	size_t nport;
	/* svc_port_idx[svc_port_off[i] .. svc_port_off[i+1]): svc[i]'s ports */
	const unsigned *svc_port_off;		/* nsvc + 1 entries */
	const unsigned *svc_port_idx;		/* indexes into port, in port order */
	const unsigned *range_idx;		/* ports with port_last > port, in port order */
	size_t nrange;
	void *heap;				/* loaded: what registry_destroy frees */
};

#endif
