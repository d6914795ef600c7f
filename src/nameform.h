/*
 * nameform.h -- what `srvlint name` judges in a label as the user gave it.
 * Users paste names from mDNS tools and zone files: _ipp._tcp.local. (a
 * domain), _printer._sub._http._tcp (a subtype), _http._tcp,_printer
 * (avahi-browse / dns-sd subtype syntax), Office._ipp._tcp (an instance).
 * The service and protocol labels are found in it, the rest is set aside and
 * said.  Pure: no allocation, pointers into the input.
 */
#ifndef SRVLINT_NAMEFORM_H
#define SRVLINT_NAMEFORM_H

#include <stddef.h>

struct nameform {
	const char *svc;	/* the service name, without its underscore */
	size_t slen;
	const char *proto;	/* the protocol label without "_", or NULL: none */
	size_t plen;		/* 0 with proto set: the bare "_" of "_http._" */
	/* What was set aside, each NULL when absent (pointers into the input). */
	const char *prefix;	/* "_printer._sub", "Office": before the service label */
	size_t prefix_len;
	const char *domain;	/* "local.": after the protocol label */
	size_t domain_len;
	const char *subtypes;	/* ",_printer": after a comma */
	size_t subtypes_len;
	/*
	 * The first label set aside (prefix or domain) that no DNS name holds:
	 * empty (badlabel_len 0: ".._x._tcp", "_x._tcp..local") or over 63
	 * bytes; NULL when none.  A trailing dot is no empty label.
	 */
	const char *badlabel;
	size_t badlabel_len;
};

/*
 * Finds the labels to judge in in (len bytes, any bytes).  "_svc" alone, and
 * anything without a "_svc._proto" pair in it, is one service label (so
 * historic names with dots, "_z39.50", stay whole).  The pair is the first
 * "_x._tcp" (_udp, _sctp, _dccp) in the name, else its first two labels when
 * both begin with "_" (_ipp._tls, _http._).
 */
void nameform_parse(const char *in, size_t len, struct nameform *out);

#endif
